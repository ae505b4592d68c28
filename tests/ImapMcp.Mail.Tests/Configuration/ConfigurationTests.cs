using ImapMcp.Mail.Configuration;

namespace ImapMcp.Mail.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void A_gmail_user_needs_only_the_provider_and_a_user_name()
    {
        var config = MailConfiguration.Parse("""{ "accounts": [ { "name": "me", "provider": "gmail", "username": "Me@Gmail.com" } ] }""", "/tmp");

        var account = Assert.Single(config.Accounts);
        Assert.Equal("imap.gmail.com", account.Host);
        Assert.Equal(993, account.Port);
        Assert.Equal(ImapSecurity.Tls, account.Security);
        Assert.Equal(["me@gmail.com"], account.Addresses);
        Assert.Equal("[Gmail]/Sent Mail", account.FolderRoles[FolderRole.Sent]);
        Assert.Contains("[Gmail]/All Mail", account.ExcludeFolders);
        Assert.True(account.IsOwnAddress("ME@gmail.com"));
    }

    [Theory]
    [InlineData("outlook", "outlook.office365.com")]
    [InlineData("microsoft365", "outlook.office365.com")]
    [InlineData("fastmail", "imap.fastmail.com")]
    [InlineData("icloud", "imap.mail.me.com")]
    [InlineData("yahoo", "imap.mail.yahoo.com")]
    public void Every_common_provider_has_a_preset(string provider, string host)
    {
        var config = MailConfiguration.Parse($$"""{ "accounts": [ { "name": "a", "provider": "{{provider}}", "username": "u@example.com" } ] }""");
        Assert.Equal(host, config.Accounts[0].Host);
    }

    [Fact]
    public void A_password_in_the_config_is_refused_with_the_keychain_as_the_fix()
    {
        var e = Assert.Throws<ConfigurationException>(() => MailConfiguration.Parse(
            """{ "accounts": [ { "name": "me", "provider": "gmail", "username": "me@gmail.com", "password": "hunter2" } ] }"""));

        var error = Assert.Single(e.Errors);
        Assert.Equal("accounts[0].password", error.Field);
        Assert.Contains("set-password", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_to_a_remote_server_is_refused_but_allowed_on_loopback()
    {
        var e = Assert.Throws<ConfigurationException>(() => MailConfiguration.Parse(
            """{ "accounts": [ { "name": "me", "host": "imap.example.com", "security": "none", "username": "me@example.com" } ] }"""));
        Assert.Equal("accounts[0].security", Assert.Single(e.Errors).Field);

        var ok = MailConfiguration.Parse("""{ "accounts": [ { "name": "me", "host": "127.0.0.1", "port": 10143, "security": "none", "username": "me@example.com" } ] }""");
        Assert.Equal(ImapSecurity.None, ok.Accounts[0].Security);
        Assert.Equal(10143, ok.Accounts[0].Port);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once_with_its_fix()
    {
        var e = Assert.Throws<ConfigurationException>(() => MailConfiguration.Parse("""
            { "accounts": [ { "name": "bad name", "port": 70000, "security": "ssl3", "username": "jane",
                              "bodies": "lots", "roles": { "outbox": "Out" } } ] }
            """));

        var fields = e.Errors.Select(x => x.Field).ToList();
        Assert.Equal(
            ["accounts[0].name", "accounts[0].host", "accounts[0].security", "accounts[0].port", "accounts[0].addresses", "accounts[0].roles.outbox", "accounts[0].bodies"],
            fields);
        Assert.All(e.Errors, x => Assert.False(string.IsNullOrWhiteSpace(x.Fix)));
    }

    [Theory]
    [InlineData("all", null)]
    [InlineData("ALL", null)]
    [InlineData("12m", "12m")]
    [InlineData("2y", "2y")]
    [InlineData("90d", "90d")]
    public void The_header_window_takes_all_or_a_period(string value, string? expected)
    {
        var config = MailConfiguration.Parse($$"""{ "accounts": [ { "name": "w", "host": "imap.example.org", "username": "j@example.org", "headers": "{{value}}" } ] }""");
        Assert.Equal(expected, config.Accounts[0].HeaderWindow?.ToString());
    }

    [Theory]
    [InlineData("\"headers\": \"lots\"", "accounts[0].headers", "12m")]
    [InlineData("\"headers\": \"3h\"", "accounts[0].headers", "12m")]
    [InlineData("\"window\": \"12m\"", "accounts[0].window", "headers")]
    public void A_bad_header_window_names_the_field_and_the_fix(string field, string name, string fix)
    {
        var e = Assert.Throws<ConfigurationException>(() => MailConfiguration.Parse(
            $$"""{ "accounts": [ { "name": "w", "host": "imap.example.org", "username": "j@example.org", {{field}} } ] }"""));
        var error = Assert.Single(e.Errors);
        Assert.Equal(name, error.Field);
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_says_where()
    {
        var e = Assert.Throws<ConfigurationException>(() => MailConfiguration.Parse("""{ "accounts": [ { "name": "a", "port": "x" } ] }"""));
        Assert.Equal("accounts[0].port", Assert.Single(e.Errors).Field);
    }

    [Fact]
    public void Relative_cache_paths_resolve_next_to_the_config_and_bodies_take_a_window()
    {
        var config = MailConfiguration.Parse(
            """{ "accounts": [ { "name": "w", "host": "imap.example.org", "username": "j@example.org", "cache": "data/w.db", "bodies": "90d", "encrypt": true } ] }""",
            "/etc/imap-mcp");
        var a = config.Accounts[0];
        Assert.Equal("/etc/imap-mcp/data/w.db", a.CachePath);
        Assert.Equal(new BodyPolicy(BodyPolicyMode.Recent, 90), a.Bodies);
        Assert.True(a.Encrypt);
    }

    [Fact]
    public void The_example_config_is_valid()
    {
        var config = MailConfiguration.Parse(MailConfiguration.Example, "/tmp");
        Assert.Equal(["personal", "work"], config.Accounts.Select(a => a.Name));
        Assert.Equal("work", config.GetAccount("WORK").Name);
        Assert.Equal("12m", config.GetAccount("work").HeaderWindow?.ToString());
        Assert.Throws<ConfigurationException>(() => config.GetAccount(null));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("\"allowWrite\": false,", false)]
    [InlineData("\"allowWrite\": true,", true)]
    public void Write_tools_are_off_unless_the_file_allows_them(string field, bool expected)
    {
        var config = MailConfiguration.Parse($$"""{ {{field}} "accounts": [ { "name": "a", "provider": "gmail", "username": "a@gmail.com" } ] }""");
        Assert.Equal(expected, config.AllowWrite);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("\"allowWrite\": false,", false)]
    [InlineData("\"allowWrite\": true,", true)]
    [InlineData("/* the owner's choice */ \"AllowWrite\": true,", true)]
    [InlineData("\"notes\": { \"allowWrite\": true }, \"allowWrite\": false,", false)]
    public void The_servers_quick_look_at_allowWrite_agrees_with_the_full_parse(string field, bool expected)
    {
        var path = Path.Combine(Path.GetTempPath(), "imap-mcp-allowwrite-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, $$"""{ {{field}} "accounts": [ { "name": "a", "provider": "gmail", "username": "a@gmail.com" } ], }""");
        try
        {
            Assert.Equal(expected, MailConfiguration.ReadsAllowWrite(path));
            if (!field.Contains("notes", StringComparison.Ordinal))
                Assert.Equal(expected, MailConfiguration.Parse(File.ReadAllText(path)).AllowWrite);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_quick_look_serves_no_write_tools_from_a_missing_or_broken_file()
    {
        Assert.False(MailConfiguration.ReadsAllowWrite("/nonexistent/imap-mcp.json"));
        var path = Path.Combine(Path.GetTempPath(), "imap-mcp-broken-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{ \"allowWrite\": tru");
        try
        {
            Assert.False(MailConfiguration.ReadsAllowWrite(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{ "allowWrite": "yes", "accounts": [ { "name": "a", "provider": "gmail", "username": "a@gmail.com" } ] }""", "allowWrite", "true/false unquoted")]
    [InlineData("""{ "accounts": [ { "name": "a", "provider": "gmail", "username": "a@gmail.com", "allowWrite": true } ] }""", "accounts[0].allowWrite", "top of the file")]
    [InlineData("""{ "write": true, "accounts": [ { "name": "a", "provider": "gmail", "username": "a@gmail.com" } ] }""", "write", "spelled 'allowWrite'")]
    public void A_misplaced_or_mistyped_write_switch_names_the_field_and_the_fix(string json, string field, string fix)
    {
        var e = Assert.Throws<ConfigurationException>(() => MailConfiguration.Parse(json));
        var error = Assert.Single(e.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
    }
}
