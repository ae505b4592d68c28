namespace TestHarness.Mail;

/// <summary>The MIME structure of a generated message's body.</summary>
public enum BodyShape
{
    /// <summary>A single text/plain part.</summary>
    PlainText,

    /// <summary>A single text/html part.</summary>
    HtmlOnly,

    /// <summary>multipart/alternative with text/plain and text/html.</summary>
    Alternative,

    /// <summary>multipart/mixed: a text (or alternative) part followed by attachments.</summary>
    MixedWithAttachments,
}
