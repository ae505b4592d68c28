using System.Runtime.InteropServices;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// Returns memory that native code (SQLite) freed to the operating system. glibc keeps freed blocks in its arenas for
/// reuse, so after a large sync the process would stay at its peak size while idle.
/// </summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            _ = NativeMethods.MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, for one): nothing to trim this way.
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "malloc_trim")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int MallocTrim(nuint pad);
    }
}
