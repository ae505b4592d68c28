using Microsoft.Extensions.Logging;

namespace ImapMcp.Mail.Internal;

/// <summary>The engine's log messages, in one place. Never logs passwords or message text.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Folder {Folder}: UIDVALIDITY changed from {Old} to {New}; its cache is rebuilt")]
    public static partial void FolderReset(ILogger logger, string folder, uint old, uint @new);

    [LoggerMessage(2, LogLevel.Warning, "Folder {Folder}: message UID {Uid} could not be parsed ({Error}); stored what was readable")]
    public static partial void Malformed(ILogger logger, string folder, uint uid, string error);

    [LoggerMessage(3, LogLevel.Warning, "Connection lost ({Error}); reconnecting in {Delay} (attempt {Attempt} of {Max})")]
    public static partial void Reconnecting(ILogger logger, string error, TimeSpan delay, int attempt, int max);

    [LoggerMessage(4, LogLevel.Information, "Folder {Folder} is gone from the server; removed from the cache")]
    public static partial void FolderRemoved(ILogger logger, string folder);

    [LoggerMessage(5, LogLevel.Warning, "Folder {Folder} could not be synced: {Error}")]
    public static partial void FolderFailed(ILogger logger, string folder, string error);

    [LoggerMessage(40, LogLevel.Debug, "Lean header FETCH unavailable ({Reason}); headers come through MailKit")]
    public static partial void LeanFetchUnavailable(ILogger logger, string reason);

    [LoggerMessage(41, LogLevel.Debug, "Folder {Folder}: lean header FETCH not used for this folder ({Reason}); headers come through MailKit")]
    public static partial void LeanFetchSkipped(ILogger logger, string folder, string reason);

    [LoggerMessage(42, LogLevel.Debug, "Folder {Folder}: headers of {Count} messages over the lean session")]
    public static partial void LeanFetchUsed(ILogger logger, string folder, int count);
}
