namespace TestHarness.Mail;

/// <summary>An attachment of a generated message: its decoded file name, MIME type and decoded size in bytes.</summary>
public sealed record GeneratedAttachment(string FileName, string ContentType, int Size);
