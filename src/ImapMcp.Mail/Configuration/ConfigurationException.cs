namespace ImapMcp.Mail.Configuration;

/// <summary>The config file is unreadable or invalid; <see cref="Errors"/> names every field at fault and its fix.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for a single error.</summary>
    public ConfigurationException(string field, string problem, string fix)
        : this([new ConfigurationError(field, problem, fix)])
    {
    }

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigurationError> errors) => errors.Count switch
    {
        0 => "The configuration is invalid.",
        1 => "The configuration is invalid: " + errors[0],
        _ => "The configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)),
    };
}
