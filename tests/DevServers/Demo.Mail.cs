using System.Diagnostics;
using TestHarness.Dovecot;
using TestHarness.Mail;

namespace DevServers;

internal sealed partial class Demo
{
    private async Task<(DovecotServer Dovecot, GeneratedMailbox Mailbox, string Text)> StartMailAsync(CancellationToken cancellationToken)
    {
        output.WriteLine("Starting Dovecot…");
        var dovecot = await DovecotServer.StartAsync(
            new DovecotOptions
            {
                Port = PreferredPort(10143),
                TlsPort = PreferredPort(10993),
                Password = "demo-password",
                DataFolder = Path.Combine(_state, "dovecot"),
            },
            cancellationToken);
        _started.Add(dovecot);

        output.WriteLine($"Generating a demo mailbox of {options.Messages:N0} messages (seed {options.Seed})…");
        var clock = Stopwatch.StartNew();
        var mailbox = MailboxGenerator.Generate(new MailboxSpec
        {
            Count = options.Messages,
            Seed = options.Seed,
            Now = DateTimeOffset.UtcNow,
        });
        var generated = clock.Elapsed;
        var load = await dovecot.LoadAsync(mailbox, cancellationToken);
        output.WriteLine($"  generated in {generated.TotalSeconds:0.0} s, loaded into Dovecot: {load}");

        var folders = string.Join("\n", mailbox.CountsByFolder()
            .OrderByDescending(f => f.Value)
            .Take(8)
            .Select(f => $"                   {f.Value,7:N0}  {f.Key}"));
        return (dovecot, mailbox, $"""
            Demo mailbox in Dovecot (imap-mcp talks to it)
              IMAP             {dovecot.Host}:{dovecot.Port} (plaintext, loopback)   IMAPS {dovecot.Host}:{dovecot.TlsPort} (self-signed: {dovecot.CertificatePath})
              user / password  {dovecot.UserName} / {dovecot.Password}
              owner addresses  {string.Join(", ", mailbox.OwnerAddresses)}
              largest folders
            {folders}
              try:             openssl s_client -quiet -connect {dovecot.Host}:{dovecot.TlsPort}   then   a login {dovecot.UserName} {dovecot.Password}
              config and log:  {dovecot.ConfigPath}
                               {dovecot.LogPath}
            """);
    }
}
