using TestHarness.Processes;

namespace TestHarness.Tests;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_server_that_dies_while_starting_fails_the_test_with_its_own_last_words()
    {
        await using var child = ChildProcess.Start("doomed", "/bin/sh", ["-c", "echo 'fatal: port already in use'; exit 3"]);

        var error = await Assert.ThrowsAsync<HarnessException>(() =>
            child.WaitUntilReadyAsync(_ => Task.FromResult(false), TimeSpan.FromSeconds(30), "listening"));

        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("fatal: port already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_a_server_also_ends_the_processes_it_started()
    {
        var child = ChildProcess.Start("parent", "/bin/sh", ["-c", "sleep 300 & echo child=$!; wait"]);
        var line = await child.WaitForLineAsync(l => l.StartsWith("child=", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var grandChild = int.Parse(line["child=".Length..], System.Globalization.CultureInfo.InvariantCulture);

        await child.StopAsync(TimeSpan.FromMilliseconds(200));

        Assert.True(child.HasExited);

        // SIGKILL is delivered asynchronously: give the kernel a moment, then the grandchild must be gone (or a zombie).
        for (var i = 0; i < 100 && IsRunning(grandChild); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(IsRunning(grandChild), $"the grandchild {grandChild} is still running");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
