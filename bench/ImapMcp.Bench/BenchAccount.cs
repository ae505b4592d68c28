using ImapMcp.Mail.Configuration;

namespace ImapMcp.Bench;

/// <summary>The benchmark's account, built through the engine's own config parser (so it is validated like a user's).</summary>
internal static class BenchAccount
{
    public const string Name = "bench";

    /// <summary>The account as a user would write it; <paramref name="headers"/> is the header window ("all", "3m", …).</summary>
    public static AccountSettings Settings(string port, string user, IEnumerable<string> addresses, string cache, bool bodies, bool encrypt, string headers = "all")
    {
        var json = $$"""
            { "accounts": [ { "name": "{{Name}}", "host": "127.0.0.1", "port": {{port}}, "security": "none",
                              "username": "{{user}}", "addresses": [{{string.Join(", ", addresses.Select(x => "\"" + x + "\""))}}],
                              "bodies": "{{(bodies ? "all" : "none")}}", "headers": "{{headers}}", "encrypt": {{(encrypt ? "true" : "false")}},
                              "cache": "{{cache}}" } ] }
            """;
        return MailConfiguration.Parse(json).Accounts[0];
    }
}
