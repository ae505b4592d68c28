using TestHarness.Processes;

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
        var (code, output, error) = await ChildProcess.ExecuteAsync(
            executable,
            arguments,
            Timeout,
            environment,
            standardInput,
            "the keyring is probably waiting for a prompt nobody can answer.",
            cancellationToken).ConfigureAwait(false);
        return new Result(code, output, error);
    }
}
