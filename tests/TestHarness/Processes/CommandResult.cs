namespace TestHarness.Processes;

/// <summary>How a short command ended: its exit code and everything it printed.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);
