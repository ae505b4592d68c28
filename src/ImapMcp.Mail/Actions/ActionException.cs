namespace ImapMcp.Mail.Actions;

/// <summary>
/// An action was refused or could not be done; the message names the problem and the fix. A refused action changed
/// nothing. <see cref="Suggestions"/> holds close existing names when a folder was not found.
/// </summary>
public sealed class ActionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ActionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ActionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and close existing names.</summary>
    public ActionException(string message, IReadOnlyList<string> suggestions)
        : base(message)
    {
        Suggestions = suggestions;
    }

    /// <summary>Close existing folder names, best first (empty unless a name was not found).</summary>
    public IReadOnlyList<string> Suggestions { get; } = [];
}
