using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImapMcp.Mail.Internal;

/// <summary>The config file as written; <see cref="ConfigValidator"/> turns it into settings.</summary>
internal sealed class ConfigFile
{
    public List<AccountFile?>? Accounts { get; set; }

    public bool? AllowWrite { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class AccountFile
{
    public string? Name { get; set; }

    public string? Provider { get; set; }

    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? Security { get; set; }

    public string? Username { get; set; }

    public List<string?>? Addresses { get; set; }

    public FoldersFile? Folders { get; set; }

    public Dictionary<string, string>? Roles { get; set; }

    public string? Cache { get; set; }

    public bool? Encrypt { get; set; }

    public string? Bodies { get; set; }

    public string? Headers { get; set; }

    public string? PasswordEnv { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class FoldersFile
{
    public List<string>? Include { get; set; }

    public List<string>? Exclude { get; set; }

    public bool? SubscribedOnly { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
