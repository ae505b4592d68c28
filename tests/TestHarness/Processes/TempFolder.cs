namespace TestHarness.Processes;

/// <summary>A fresh folder under the system temp folder, deleted on dispose unless HARNESS_KEEP=1 (to inspect a failed run).</summary>
public sealed class TempFolder : IDisposable
{
    private TempFolder(string path) => Path = path;

    /// <summary>The absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates a new empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static TempFolder Create(string prefix)
    {
        var root = Environment.GetEnvironmentVariable("HARNESS_TMP") ?? System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(root, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        return new TempFolder(path);
    }

    /// <summary>Combines the folder with a relative path.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("HARNESS_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be releasing a file; the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
