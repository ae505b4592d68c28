namespace ImapMcp.Mail.Configuration;

/// <summary>One problem in the config file: the field (a JSON path such as <c>accounts[0].port</c>), what is wrong, and how to fix it.</summary>
public sealed record ConfigurationError(string Field, string Problem, string Fix)
{
    /// <summary>A one-line message for people.</summary>
    public override string ToString() => $"{Field}: {Problem} — {Fix}";
}
