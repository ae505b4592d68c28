using System.Runtime.InteropServices;

namespace TestHarness.Dovecot.Internal;

/// <summary>The few libc calls the Maildir writer needs: files must belong to the virtual mail user.</summary>
internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    internal static partial uint GetEffectiveGroupId();

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    internal static partial int FChown(int fd, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chown(string path, uint owner, uint group);

    /// <summary>chown, throwing with the errno when it fails.</summary>
    internal static void ChownOrThrow(string path, uint owner, uint group)
    {
        if (Chown(path, owner, group) != 0)
        {
            throw new HarnessException($"chown {owner}:{group} '{path}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }
}
