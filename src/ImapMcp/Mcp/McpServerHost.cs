using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mcp.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace ImapMcp.Mcp;

/// <summary>Runs the MCP server over stdio (stdout is the protocol, logs go to stderr) or Streamable HTTP with a bearer token.</summary>
internal static class McpServerHost
{
    private const string Instructions =
        "imap-mcp answers from a local cache of the user's mailbox: search, read, threads, unreplied mail and sender statistics are instant and never touch the server. " +
        "Every answer ends with how fresh the cache is. Message keys are Folder:Uid. " + UntrustedContent.Reminder;

    public static async Task<int> RunAsync(ServeOptions options, TextWriter error, ISecretStore? secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        using var engineLogs = LoggerFactory.Create(ConfigureLogging);
        var opening = AccountsOpening.Start(options, secrets, time, engineLogs, cancellationToken);
        try
        {
            if (options.Http is null)
            {
                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
                builder.Logging.ClearProviders();
                ConfigureLogging(builder.Logging);
                AddServices(builder.Services, opening, options, time).WithStdioServerTransport();
                using var host = builder.Build();
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                await ServeUntilShutdownAsync(host, opening, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var token = options.TokenEnvironmentVariable is { } variable ? Environment.GetEnvironmentVariable(variable)! : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
            web.Logging.ClearProviders();
            ConfigureLogging(web.Logging);
            web.WebHost.ConfigureKestrel(k => k.Listen(options.Http));
            AddServices(web.Services, opening, options, time).WithHttpTransport();
            var app = web.Build();
            await using var disposeApp = app.ConfigureAwait(false);
            app.Use(BearerToken.Require(token));
            app.MapMcp("/mcp");
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Http.ToString();
            // The token line comes first: whoever waits for the address line (a script, a test) has the token by then.
            await error.WriteLineAsync(options.TokenEnvironmentVariable is { } v
                ? $"imap-mcp: clients must send 'Authorization: Bearer <the token in {v}>'."
                : $"imap-mcp: clients must send 'Authorization: Bearer {token}' (generated for this run; pass --token-env VAR to choose it).").ConfigureAwait(false);
            await error.WriteLineAsync($"imap-mcp: serving MCP (Streamable HTTP) at {address}/mcp").ConfigureAwait(false);
            await error.FlushAsync(cancellationToken).ConfigureAwait(false);
            await ServeUntilShutdownAsync(app, opening, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (opening.Task.IsCompletedSuccessfully)
                opening.Task.Result.Dispose();
        }
    }

    /// <summary>Runs until shutdown; if the accounts cannot be opened (bad config, unreadable cache), stops and throws that error for the CLI to print.</summary>
    private static async Task ServeUntilShutdownAsync(IHost host, AccountsOpening opening, CancellationToken cancellationToken)
    {
        var shutdown = host.WaitForShutdownAsync(cancellationToken);
        try
        {
            if (await Task.WhenAny(opening.Task, shutdown).ConfigureAwait(false) == opening.Task && !opening.Task.IsCompletedSuccessfully)
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await opening.Task.ConfigureAwait(false);
            }

            await shutdown.ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static IMcpServerBuilder AddServices(IServiceCollection services, AccountsOpening opening, ServeOptions options, TimeProvider time)
    {
        services.AddSingleton(opening);
        services.AddSingleton(_ => opening.Registry());
        services.AddSingleton(time);
        services.AddHostedService<BackgroundSync>();
        var mcp = services.AddMcpServer(o =>
        {
            o.ServerInfo = new Implementation { Name = "imap-mcp", Title = "imap-mcp: your mailbox, through a local cache", Version = Version };
            o.ServerInstructions = Instructions;
        });
        McpToolRegistration.AddReadTools(mcp);
        McpToolRegistration.AddResourcesAndPrompts(mcp);
        if (AccountsOpening.WriteAllowed(options))
            McpToolRegistration.AddWriteTools(mcp);
        return mcp;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        // stdout carries the protocol: every log line goes to stderr.
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("ImapMcp", LogLevel.Information);
    }

    private static string Version =>
        typeof(McpServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
