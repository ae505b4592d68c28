using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using TestHarness.Mail;
using TestHarness.Mail.Internal;

namespace TestHarness.Dovecot.Internal;

/// <summary>
/// Writes a generated mailbox straight into Maildir (LAYOUT=fs): one file per message in cur/, named with the
/// message date and its index so Dovecot assigns UIDs in date order, mtime = date (INTERNALDATE), owned by the mail
/// user. Files are rendered and written in parallel.
/// </summary>
internal static class MaildirWriter
{
    private static readonly string[] Reserved = ["cur", "new", "tmp"];

    public static (long Bytes, int Folders) Write(GeneratedMailbox mailbox, string maildirRoot, (uint Uid, uint Gid)? owner, CancellationToken cancellationToken)
    {
        var curFolders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in mailbox.Folders)
        {
            curFolders[folder.Name] = Path.Combine(CreateFolder(maildirRoot, folder.Name, owner), "cur");
        }

        WriteSubscriptions(maildirRoot, mailbox.Folders.Select(f => f.Name), owner);

        var messages = mailbox.Messages;
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        long bytes = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };
        Parallel.ForEach(
            Partitioner.Create(0, messages.Count, 512),
            options,
            () => (Writer: new ByteWriter(64 * 1024), Name: new StringBuilder(128), Bytes: 0L),
            (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var m = messages[i];
                    local.Writer.Clear();
                    m.RenderTo(local.Writer);
                    var data = local.Writer.WrittenSpan;
                    var virtualSize = data.Length + data.Count((byte)'\n') - data.Count("\r\n"u8);
                    var name = local.Name.Clear()
                        .Append(m.Date.ToUnixTimeSeconds()).Append(".M").Append(m.Index).Append('P').Append(pid).Append(".harness,S=")
                        .Append(data.Length).Append(",W=").Append(virtualSize).Append(":2,").Append(FlagLetters(m.Flags)).ToString();
                    WriteFile(Path.Combine(curFolders[m.Folder], name), data, m.Date.UtcDateTime, owner);
                    local.Bytes += data.Length;
                }

                return local;
            },
            local =>
            {
                Interlocked.Add(ref bytes, local.Bytes);
                local.Writer.Dispose();
            });

        return (bytes, mailbox.Folders.Count);
    }

    /// <summary>The directory of <paramref name="folder"/> ("INBOX" is the Maildir root), with cur/new/tmp, created and owned.</summary>
    public static string CreateFolder(string maildirRoot, string folder, (uint Uid, uint Gid)? owner)
    {
        var path = maildirRoot;
        if (folder != "INBOX")
        {
            foreach (var segment in folder.Split('/'))
            {
                if (segment.Length == 0 || Reserved.Contains(segment, StringComparer.Ordinal) || segment.StartsWith('.'))
                {
                    throw new HarnessException($"Folder '{folder}' cannot be stored in Maildir: empty, dot-leading or cur/new/tmp segments are not allowed.");
                }

                path = Path.Combine(path, ModifiedUtf7.Encode(segment));
                CreateDirectory(path, owner);
            }
        }

        foreach (var sub in Reserved)
        {
            CreateDirectory(Path.Combine(path, sub), owner);
        }

        return path;
    }

    public static void CreateDirectory(string path, (uint Uid, uint Gid)? owner)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Dovecot harness runs on Linux.");
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (owner is { } o)
        {
            Native.ChownOrThrow(path, o.Uid, o.Gid);
        }
    }

    /// <summary>Dovecot 2.3's subscriptions file: "V\t2", a blank line, then one name per line with \t as separator.</summary>
    private static void WriteSubscriptions(string maildirRoot, IEnumerable<string> folders, (uint Uid, uint Gid)? owner)
    {
        var path = Path.Combine(maildirRoot, "subscriptions");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            var lines = File.ReadAllLines(path);
            foreach (var line in lines.SkipWhile(l => l.StartsWith('V')).Where(l => l.Length > 0))
            {
                names.Add(line);
            }
        }

        foreach (var folder in folders)
        {
            names.Add(string.Join('\t', folder.Split('/').Select(ModifiedUtf7.Encode)));
        }

        File.WriteAllText(path, "V\t2\n\n" + string.Concat(names.Select(n => n + "\n")));
        if (owner is { } o)
        {
            Native.ChownOrThrow(path, o.Uid, o.Gid);
        }
    }

    private static void WriteFile(string path, ReadOnlySpan<byte> data, DateTime modifiedUtc, (uint Uid, uint Gid)? owner)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        RandomAccess.Write(handle, data, 0);
        File.SetLastWriteTimeUtc(handle, modifiedUtc);
        if (owner is { } o && Native.FChown((int)handle.DangerousGetHandle(), o.Uid, o.Gid) != 0)
        {
            throw new HarnessException($"fchown {o.Uid}:{o.Gid} '{path}' failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Maildir info flags, in ASCII order as the format requires.</summary>
    private static string FlagLetters(MailFlags flags)
    {
        Span<char> letters = stackalloc char[5];
        var n = 0;
        if ((flags & MailFlags.Draft) != 0)
        {
            letters[n++] = 'D';
        }

        if ((flags & MailFlags.Flagged) != 0)
        {
            letters[n++] = 'F';
        }

        if ((flags & MailFlags.Answered) != 0)
        {
            letters[n++] = 'R';
        }

        if ((flags & MailFlags.Seen) != 0)
        {
            letters[n++] = 'S';
        }

        if ((flags & MailFlags.Deleted) != 0)
        {
            letters[n++] = 'T';
        }

        return new string(letters[..n]);
    }
}
