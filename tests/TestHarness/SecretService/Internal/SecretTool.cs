using System.Diagnostics;

namespace TestHarness.SecretService.Internal;

/// <summary>Runs libsecret's secret-tool against a private bus, as any other Secret Service client would.</summary>
internal static class SecretTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The result of one secret-tool run.</summary>
    internal readonly record struct Result(int ExitCode, string Output, string Error)
    {
        /// <summary>secret-tool's own complaint ("secret-tool: Cannot create an item in a locked collection"), not GLib's warnings.</summary>
        public string? Complaint => Error.Split('\n').FirstOrDefault(l => l.StartsWith("secret-tool: ", StringComparison.Ordinal));
    }

    public static async Task<Result> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string? standardInput,
        CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            if (v is null)
            {
                psi.Environment.Remove(k);
            }
            else
            {
                psi.Environment[k] = v;
            }
        }

        using var process = Process.Start(psi) ?? throw new HarnessException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // secret-tool exited without reading its input; its exit code and stderr say why.
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new HarnessException(
                $"'secret-tool {string.Join(' ', psi.ArgumentList)}' did not finish within {Timeout.TotalSeconds:0} s: the keyring is probably waiting for a prompt nobody can answer.");
        }

        return new Result(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
