using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using TestHarness.Dovecot.Internal;
using TestHarness.Mail;
using TestHarness.Processes;

namespace TestHarness.Dovecot;

/// <summary>
/// A private Dovecot 2.3 IMAP server on 127.0.0.1 (plaintext and TLS ports, one passwd-file user, Maildir with "/"
/// as separator), started from deploy/dovecot/dovecot.conf.template. Loads generated mailboxes straight into
/// Maildir and changes mail like another client would, so tests can watch a client react.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    /// <summary>Dovecot never lets mail processes run as root, so when the harness runs as root mail belongs to this uid/gid.</summary>
    public const uint VirtualMailId = 5000;

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);
    private readonly ChildProcess _process;
    private readonly TempFolder _runFolder;
    private readonly string? _temporaryData;
    private readonly string _doveadm;
    private readonly (uint Uid, uint Gid)? _mailOwner;
    private readonly byte[] _certificateSha256;
    private int _disposed;

    private DovecotServer(
        ChildProcess process,
        TempFolder runFolder,
        string? temporaryData,
        string doveadm,
        (uint Uid, uint Gid)? mailOwner,
        DovecotOptions options,
        Layout layout,
        int port,
        int tlsPort,
        string password,
        bool reused)
    {
        _process = process;
        _runFolder = runFolder;
        _temporaryData = temporaryData;
        _doveadm = doveadm;
        _mailOwner = mailOwner;
        Port = port;
        TlsPort = tlsPort;
        UserName = options.UserName;
        Password = password;
        DataFolder = layout.Data;
        MaildirRoot = layout.Maildir;
        CertificatePath = layout.Certificate;
        ConfigPath = layout.Config;
        LogPath = layout.Log;
        ReusedExistingData = reused;
        DisablesQresync = options.DisableQresync;
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(layout.Certificate));
        CertificateThumbprint = certificate.Thumbprint;
        _certificateSha256 = certificate.GetCertHash(HashAlgorithmName.SHA256);
    }

    /// <summary>Always "127.0.0.1".</summary>
    public string Host => "127.0.0.1";

    /// <summary>The plaintext IMAP port (STARTTLS offered, plaintext login allowed).</summary>
    public int Port { get; }

    /// <summary>The IMAPS port (TLS on connect) with the per-instance self-signed certificate.</summary>
    public int TlsPort { get; }

    /// <summary>The IMAP login name.</summary>
    public string UserName { get; }

    /// <summary>The IMAP password.</summary>
    public string Password { get; }

    /// <summary>The folder holding config, certificate, logs and mail (deleted on dispose unless it was <see cref="DovecotOptions.DataFolder"/>).</summary>
    public string DataFolder { get; }

    /// <summary>The user's Maildir (INBOX at its root, other folders as subdirectories, LAYOUT=fs).</summary>
    public string MaildirRoot { get; }

    /// <summary>The PEM certificate the TLS port presents.</summary>
    public string CertificatePath { get; }

    /// <summary>The SHA-1 thumbprint of the certificate, upper-case hex (what <c>X509Certificate.GetCertHashString()</c> returns).</summary>
    public string CertificateThumbprint { get; }

    /// <summary>The generated dovecot.conf.</summary>
    public string ConfigPath { get; }

    /// <summary>Dovecot's log file.</summary>
    public string LogPath { get; }

    /// <summary>True when <see cref="DovecotOptions.DataFolder"/> already held mail from an earlier run.</summary>
    public bool ReusedExistingData { get; }

    /// <summary>True when CONDSTORE and QRESYNC are not advertised.</summary>
    public bool DisablesQresync { get; }

    /// <summary>Starts a private Dovecot and waits until its IMAP port greets. Throws <see cref="HarnessException"/> saying why when it cannot.</summary>
    public static async Task<DovecotServer> StartAsync(DovecotOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DovecotOptions();
        options.Validate();
        var dovecot = RequiredTool.Find("dovecot", "dovecot-imapd");
        var doveadm = RequiredTool.Find("doveadm", "dovecot-core");

        var runFolder = TempFolder.Create("dovecot-run");
        string? temporaryData = null;
        ChildProcess? process = null;
        try
        {
            string data;
            if (options.DataFolder is { } persistent)
            {
                data = Path.GetFullPath(persistent);
                Directory.CreateDirectory(data);
            }
            else
            {
                data = temporaryData = Path.Combine(TemporaryRoot(options), "dovecot-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
                Directory.CreateDirectory(data);
            }

            var layout = new Layout(data, options.UserName);
            var (internalUser, internalGroup, loginUser, mailOwner, mailUid, mailGid) = Identity();
            if (mailOwner is not null)
            {
                EnsureReachable(data, mailUid);
            }

            foreach (var dir in new[] { layout.State, Path.GetDirectoryName(layout.Log)!, Path.GetDirectoryName(layout.Certificate)!, layout.Homes })
            {
                Directory.CreateDirectory(dir);
            }

            var reused = Directory.Exists(layout.Maildir) && Directory.EnumerateFileSystemEntries(layout.Maildir).Any();
            MaildirWriter.CreateDirectory(layout.Home, mailOwner);
            MaildirWriter.CreateDirectory(layout.Maildir, mailOwner);
            if (!File.Exists(layout.Certificate) || !File.Exists(layout.Key) || options.DataFolder is null)
            {
                SelfSignedCertificate.Write(layout.Certificate, layout.Key);
            }

            var password = options.Password ?? RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            await File.WriteAllTextAsync(layout.Passwd, $"{options.UserName}:{{PLAIN}}{password}::::::\n", cancellationToken).ConfigureAwait(false);

            var port = options.Port ?? PortAllocator.Next();
            var tlsPort = options.TlsPort ?? PortAllocator.Next();
            var config = DovecotConfig.Render(
                new Dictionary<string, string>
                {
                    ["INSTANCE_NAME"] = "harness-" + Path.GetFileName(runFolder.Path),
                    ["BASE_DIR"] = runFolder.Path,
                    ["STATE_DIR"] = layout.State,
                    ["LOG_PATH"] = layout.Log,
                    ["INTERNAL_USER"] = internalUser,
                    ["INTERNAL_GROUP"] = internalGroup,
                    ["LOGIN_USER"] = loginUser,
                    ["MAIL_UID"] = mailUid.ToString(CultureInfo.InvariantCulture),
                    ["MAIL_GID"] = mailGid.ToString(CultureInfo.InvariantCulture),
                    ["CERT_PATH"] = layout.Certificate,
                    ["KEY_PATH"] = layout.Key,
                    ["PASSWD_FILE"] = layout.Passwd,
                    ["HOME_ROOT"] = layout.Homes,
                    ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
                    ["TLS_PORT"] = tlsPort.ToString(CultureInfo.InvariantCulture),
                },
                options.DisableQresync,
                options.DisableMove);
            await File.WriteAllTextAsync(layout.Config, config, cancellationToken).ConfigureAwait(false);

            process = ChildProcess.Start("dovecot", dovecot, ["-F", "-c", layout.Config], workingDirectory: data, logFile: Path.Combine(data, "log", "dovecot-output.log"));
            try
            {
                await process.WaitUntilReadyAsync(ct => GreetsAsync(port, ct), options.StartTimeout, $"greeting on 127.0.0.1:{port}", cancellationToken).ConfigureAwait(false);
                await process.WaitUntilReadyAsync(ct => AcceptsAsync(tlsPort, ct), options.StartTimeout, $"accepting on 127.0.0.1:{tlsPort}", cancellationToken).ConfigureAwait(false);
            }
            catch (HarnessException ex)
            {
                throw new HarnessException($"{ex.Message}\nDovecot's log ({layout.Log}):\n{Tail(layout.Log, 30)}", ex);
            }

            return new DovecotServer(process, runFolder, temporaryData, doveadm, mailOwner, options, layout, port, tlsPort, password, reused);
        }
        catch
        {
            if (process is not null)
            {
                await process.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            runFolder.Dispose();
            DeleteTemporary(temporaryData);
            throw;
        }
    }

    /// <summary>An authenticated MailKit client over the plaintext port, or over TLS accepting only this server's certificate.</summary>
    public async Task<ImapClient> ConnectAsync(bool useTls = false, CancellationToken cancellationToken = default)
    {
        var client = new ImapClient();
        try
        {
            if (useTls)
            {
                client.ServerCertificateValidationCallback = (_, certificate, _, _) => IsServerCertificate(certificate);
                await client.ConnectAsync(Host, TlsPort, SecureSocketOptions.SslOnConnect, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.ConnectAsync(Host, Port, SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
            }

            await client.AuthenticateAsync(UserName, Password, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="certificate"/> is this instance's certificate (compared by SHA-256), for TLS validation callbacks.</summary>
    public bool IsServerCertificate(X509Certificate? certificate) =>
        certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(_certificateSha256);

    /// <summary>
    /// Makes the server hold exactly <paramref name="mailbox"/>: writes it straight into Maildir and lets Dovecot index
    /// it (<c>doveadm force-resync</c>), so every message gets its <see cref="GeneratedMessage.Uid"/> and its date as
    /// INTERNALDATE. Mail already on the server is replaced (connections are dropped first, folders get new
    /// UIDVALIDITYs), unless a persistent data folder already holds exactly this mailbox: then nothing is written.
    /// </summary>
    public async Task<MaildirLoadResult> LoadAsync(GeneratedMailbox mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var marker = Path.Combine(DataFolder, "loaded-mailbox.txt");
        var fingerprint = MailboxGenerator.Fingerprint(mailbox.Spec);
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker, cancellationToken).ConfigureAwait(false) == fingerprint
            && await HoldsExactlyAsync(mailbox, cancellationToken).ConfigureAwait(false) is null)
        {
            return new MaildirLoadResult(mailbox.Messages.Count, 0, mailbox.Folders.Count, TimeSpan.Zero, TimeSpan.Zero, AlreadyLoaded: true);
        }

        File.Delete(marker);
        var clock = Stopwatch.StartNew();
        if (HoldsMail())
        {
            await KickAllAsync(cancellationToken).ConfigureAwait(false);
            var old = MaildirRoot + ".replaced-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            Directory.Move(MaildirRoot, old);
            MaildirWriter.CreateDirectory(MaildirRoot, _mailOwner);
            Directory.Delete(old, recursive: true);
        }

        var (bytes, folders) = await Task.Run(() => MaildirWriter.Write(mailbox, MaildirRoot, _mailOwner, cancellationToken), cancellationToken).ConfigureAwait(false);
        var writeTime = clock.Elapsed;
        clock.Restart();
        await DoveadmAsync(["force-resync", "-u", UserName, "*"], cancellationToken).ConfigureAwait(false);
        var indexTime = clock.Elapsed;

        if (await HoldsExactlyAsync(mailbox, cancellationToken).ConfigureAwait(false) is { } difference)
        {
            throw new HarnessException($"After loading, {difference}. Dovecot's log:\n{Tail(LogPath, 20)}");
        }

        await File.WriteAllTextAsync(marker, fingerprint, cancellationToken).ConfigureAwait(false);
        return new MaildirLoadResult(mailbox.Messages.Count, bytes, folders, writeTime, indexTime);
    }

    /// <summary>Adds or removes flags on messages, as another IMAP client (UID STORE).</summary>
    public Task SetFlagsAsync(string folder, IEnumerable<uint> uids, MailFlags flags, FlagChange change = FlagChange.Add, CancellationToken cancellationToken = default)
    {
        var list = UniqueIds(uids);
        var action = change switch
        {
            FlagChange.Add => StoreAction.Add,
            FlagChange.Remove => StoreAction.Remove,
            _ => StoreAction.Set,
        };
        return WithFolderAsync(folder, FolderAccess.ReadWrite, (f, ct) => f.StoreAsync(list, new StoreFlagsRequest(action, ToMessageFlags(flags)) { Silent = true }, ct), cancellationToken);
    }

    /// <summary>Deletes messages for good, as another IMAP client (\Deleted then UID EXPUNGE).</summary>
    public Task ExpungeAsync(string folder, IEnumerable<uint> uids, CancellationToken cancellationToken = default)
    {
        var list = UniqueIds(uids);
        return WithFolderAsync(folder, FolderAccess.ReadWrite, async (f, ct) =>
        {
            await f.StoreAsync(list, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct).ConfigureAwait(false);
            await f.ExpungeAsync(list, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Appends a message, as another IMAP client; returns its UID.</summary>
    public async Task<uint> AppendAsync(string folder, MimeMessage message, MailFlags flags = MailFlags.None, DateTimeOffset? date = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = await ConnectAsync(false, cancellationToken).ConfigureAwait(false);
        var target = await client.GetFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        var request = new AppendRequest(message, ToMessageFlags(flags));
        if (date is { } d)
        {
            request.InternalDate = d;
        }

        var uid = await target.AppendAsync(request, cancellationToken).ConfigureAwait(false)
            ?? throw new HarnessException($"Dovecot did not return an APPENDUID for the message appended to '{folder}'.");
        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        return uid.Id;
    }

    /// <summary>Appends raw RFC 5322 bytes (parsed and re-written by MimeKit); returns the UID.</summary>
    public async Task<uint> AppendAsync(string folder, byte[] rawMessage, MailFlags flags = MailFlags.None, DateTimeOffset? date = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawMessage);
        using var stream = new MemoryStream(rawMessage, writable: false);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        return await AppendAsync(folder, message, flags, date, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends a generated message with its own flags and date ("new mail arrives"); returns the UID.</summary>
    public Task<uint> AppendAsync(string folder, GeneratedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AppendAsync(folder, message.ToBytes(), message.Flags, message.Date, cancellationToken);
    }

    /// <summary>Creates and subscribes a folder ("/" separates levels).</summary>
    public Task CreateFolderAsync(string folder, CancellationToken cancellationToken = default) =>
        DoveadmAsync(["mailbox", "create", "-s", "-u", UserName, folder], cancellationToken);

    /// <summary>Deletes a folder and its messages, and unsubscribes it.</summary>
    public Task DeleteFolderAsync(string folder, CancellationToken cancellationToken = default) =>
        DoveadmAsync(["mailbox", "delete", "-s", "-u", UserName, folder], cancellationToken);

    /// <summary>
    /// Deletes and re-creates a folder with the same messages, flags and dates, so its UIDVALIDITY changes and the
    /// messages get new UIDs (in the same order). INBOX cannot be deleted, so it cannot be re-created.
    /// </summary>
    public async Task RecreateFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("INBOX cannot be deleted, so it cannot be re-created; use another folder.", nameof(folder));
        }

        var before = await StatusAsync(folder, cancellationToken).ConfigureAwait(false);
        var holding = "harness-recreate-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        await DoveadmAsync(["mailbox", "create", "-u", UserName, holding], cancellationToken).ConfigureAwait(false);
        await DoveadmAsync(["move", "-u", UserName, holding, "mailbox", folder, "all"], cancellationToken).ConfigureAwait(false);
        await DoveadmAsync(["mailbox", "delete", "-u", UserName, folder], cancellationToken).ConfigureAwait(false);
        await DoveadmAsync(["mailbox", "create", "-s", "-u", UserName, folder], cancellationToken).ConfigureAwait(false);
        await DoveadmAsync(["move", "-u", UserName, folder, "mailbox", holding, "all"], cancellationToken).ConfigureAwait(false);
        await DoveadmAsync(["mailbox", "delete", "-u", UserName, holding], cancellationToken).ConfigureAwait(false);
        var after = await StatusAsync(folder, cancellationToken).ConfigureAwait(false);
        if (after.UidValidity == before.UidValidity || after.Messages != before.Messages)
        {
            throw new HarnessException($"Re-creating '{folder}' gave UIDVALIDITY {after.UidValidity} (was {before.UidValidity}) and {after.Messages} messages (was {before.Messages}).");
        }
    }

    /// <summary>Drops every IMAP connection (doveadm kick) and waits until they are gone.</summary>
    public async Task KickAllAsync(CancellationToken cancellationToken = default)
    {
        var (code, output, error) = await ChildProcess.ExecuteAsync(_doveadm, ["-c", ConfigPath, "kick", "*"], ToolTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (code is not (0 or 68))
        {
            throw new HarnessException($"doveadm kick failed with exit code {code}:\n{error}{output}");
        }

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var who = await DoveadmAsync(["-f", "tab", "who"], cancellationToken).ConfigureAwait(false);
            if (who.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1)
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new HarnessException("IMAP connections were still open 10 s after doveadm kick.");
    }

    /// <summary>MESSAGES, UIDNEXT, UIDVALIDITY, HIGHESTMODSEQ and UNSEEN of a folder, as the server knows them.</summary>
    public async Task<FolderStatus> StatusAsync(string folder, CancellationToken cancellationToken = default)
    {
        var output = await DoveadmAsync(["-f", "tab", "mailbox", "status", "-u", UserName, "messages uidnext uidvalidity highestmodseq unseen", folder], cancellationToken).ConfigureAwait(false);
        var rows = ParseTable(output);
        var row = rows.SingleOrDefault(r => r["mailbox"] == folder) ?? throw new HarnessException($"doveadm mailbox status returned no row for '{folder}':\n{output}");
        return new FolderStatus(
            folder,
            int.Parse(row["messages"], CultureInfo.InvariantCulture),
            uint.Parse(row["uidnext"], CultureInfo.InvariantCulture),
            uint.Parse(row["uidvalidity"], CultureInfo.InvariantCulture),
            ulong.Parse(row["highestmodseq"], CultureInfo.InvariantCulture),
            int.Parse(row["unseen"], CultureInfo.InvariantCulture));
    }

    /// <summary>Every folder's full name ("/" as separator), as the server lists them.</summary>
    public async Task<IReadOnlyList<string>> ListFoldersAsync(CancellationToken cancellationToken = default)
    {
        var output = await DoveadmAsync(["-f", "tab", "mailbox", "list", "-u", UserName], cancellationToken).ConfigureAwait(false);
        return ParseTable(output).Select(r => r["mailbox"]).ToList();
    }

    /// <summary>The last lines of Dovecot's log, for failure messages.</summary>
    public string LogTail(int lines = 40) => Tail(LogPath, lines);

    /// <summary>Stops Dovecot and all its processes, and deletes the data folder unless it was <see cref="DovecotOptions.DataFolder"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _process.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _runFolder.Dispose();
        DeleteTemporary(_temporaryData);
    }

    /// <summary>Null when every folder of <paramref name="mailbox"/> holds its message count on the server, else what differs.</summary>
    private async Task<string?> HoldsExactlyAsync(GeneratedMailbox mailbox, CancellationToken cancellationToken)
    {
        var output = await DoveadmAsync(["-f", "tab", "mailbox", "status", "-u", UserName, "messages", "*"], cancellationToken).ConfigureAwait(false);
        var counts = ParseTable(output).ToDictionary(r => r["mailbox"], r => int.Parse(r["messages"], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var wrong = mailbox.Folders.Where(f => counts.GetValueOrDefault(f.Name, -1) != f.Count)
            .Select(f => $"'{f.Name}' holds {counts.GetValueOrDefault(f.Name, -1)} messages instead of {f.Count}")
            .ToList();
        return wrong.Count == 0 ? null : string.Join("; ", wrong);
    }

    /// <summary>True when any folder of the Maildir has a message file.</summary>
    private bool HoldsMail() =>
        Directory.Exists(MaildirRoot)
        && Directory.EnumerateDirectories(MaildirRoot, "*", SearchOption.AllDirectories)
            .Any(d => (Path.GetFileName(d) is "cur" or "new") && Directory.EnumerateFiles(d).Any());

    private async Task WithFolderAsync(string folder, FolderAccess access, Func<IMailFolder, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(false, cancellationToken).ConfigureAwait(false);
        var target = await client.GetFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        await target.OpenAsync(access, cancellationToken).ConfigureAwait(false);
        await action(target, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> DoveadmAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (code, output, error) = await ChildProcess.ExecuteAsync(_doveadm, ["-c", ConfigPath, .. arguments], ToolTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new HarnessException($"'doveadm {string.Join(' ', arguments)}' failed with exit code {code}:\n{error}{output}");
        }

        return output;
    }

    private static List<Dictionary<string, string>> ParseTable(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            return [];
        }

        var header = lines[0].Split('\t');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < cells.Length; i++)
            {
                row[header[i]] = cells[i];
            }

            return row;
        }).ToList();
    }

    private static UniqueIdSet UniqueIds(IEnumerable<uint> uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        var set = new UniqueIdSet(MailKit.Search.SortOrder.Ascending);
        foreach (var uid in uids)
        {
            set.Add(new UniqueId(uid));
        }

        return set.Count > 0 ? set : throw new ArgumentException("At least one UID is needed.", nameof(uids));
    }

    private static MessageFlags ToMessageFlags(MailFlags flags)
    {
        var result = MessageFlags.None;
        if ((flags & MailFlags.Seen) != 0)
        {
            result |= MessageFlags.Seen;
        }

        if ((flags & MailFlags.Answered) != 0)
        {
            result |= MessageFlags.Answered;
        }

        if ((flags & MailFlags.Flagged) != 0)
        {
            result |= MessageFlags.Flagged;
        }

        if ((flags & MailFlags.Deleted) != 0)
        {
            result |= MessageFlags.Deleted;
        }

        if ((flags & MailFlags.Draft) != 0)
        {
            result |= MessageFlags.Draft;
        }

        return result;
    }

    /// <summary>The users Dovecot runs as: as root, its own system users plus the virtual mail uid; otherwise, the current user.</summary>
    private static (string Internal, string InternalGroup, string Login, (uint, uint)? MailOwner, uint Uid, uint Gid) Identity()
    {
        var euid = Native.GetEffectiveUserId();
        if (euid != 0)
        {
            var egid = Native.GetEffectiveGroupId();
            var group = File.ReadAllLines("/etc/group").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[2] == egid.ToString(CultureInfo.InvariantCulture))?[0]
                ?? throw new HarnessException($"The current group (gid {egid}) has no name in /etc/group; Dovecot needs one for default_internal_group.");
            return (Environment.UserName, group, Environment.UserName, null, euid, egid);
        }

        var users = File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var user in new[] { "dovecot", "dovenull" })
        {
            if (!users.Contains(user))
            {
                throw new HarnessException($"The system user '{user}' does not exist. Run './run setup' (or 'apt-get install -y dovecot-core dovecot-imapd').");
            }
        }

        return ("dovecot", "dovecot", "dovenull", (VirtualMailId, VirtualMailId), VirtualMailId, VirtualMailId);
    }

    /// <summary>/dev/shm when preferred and present (and HARNESS_TMP is not set), else the harness temp folder.</summary>
    private static string TemporaryRoot(DovecotOptions options)
    {
        if (Environment.GetEnvironmentVariable("HARNESS_TMP") is { Length: > 0 } harnessTmp)
        {
            return harnessTmp;
        }

        return options.PreferMemoryFolder && Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
    }

    /// <summary>Deletes a temporary data folder, unless HARNESS_KEEP=1 asks to keep it for inspection.</summary>
    private static void DeleteTemporary(string? folder)
    {
        if (folder is null || Environment.GetEnvironmentVariable("HARNESS_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A process may still be releasing a file; the folder is in a temp location anyway.
        }
    }

    /// <summary>Mail processes run as another uid, so every folder above the data folder must let others through.</summary>
    private static void EnsureReachable(string folder, uint uid)
    {
        for (var dir = new DirectoryInfo(folder).Parent; dir is not null; dir = dir.Parent)
        {
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                throw new HarnessException($"Dovecot's mail user (uid {uid}) cannot reach '{folder}' because '{dir.FullName}' is not searchable by others (mode {Convert.ToString((int)dir.UnixFileMode, 8)}). Choose a data folder outside it, e.g. under /tmp or /var/tmp.");
            }
        }
    }

    private static async Task<bool> GreetsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(2));
        await client.ConnectAsync(IPAddress.Loopback, port, cts.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        var buffer = new byte[512];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cts.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n"u8) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length).StartsWith("* OK", StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(2));
        await client.ConnectAsync(IPAddress.Loopback, port, cts.Token).ConfigureAwait(false);
        return true;
    }

    private static string Tail(string path, int lines)
    {
        try
        {
            return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log yet)";
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    /// <summary>Where everything of one instance lives inside its data folder.</summary>
    private sealed class Layout(string data, string user)
    {
        public string Data { get; } = data;

        public string Config { get; } = Path.Combine(data, "dovecot.conf");

        public string Passwd { get; } = Path.Combine(data, "passwd");

        public string State { get; } = Path.Combine(data, "state");

        public string Log { get; } = Path.Combine(data, "log", "dovecot.log");

        public string Certificate { get; } = Path.Combine(data, "tls", "cert.pem");

        public string Key { get; } = Path.Combine(data, "tls", "key.pem");

        public string Homes { get; } = Path.Combine(data, "home");

        public string Home { get; } = Path.Combine(data, "home", user);

        public string Maildir { get; } = Path.Combine(data, "home", user, "Maildir");
    }
}
