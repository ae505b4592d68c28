namespace TestHarness.Processes;

/// <summary>Finds the executables a harness needs and explains how to install a missing one.</summary>
public static class RequiredTool
{
    /// <summary>Returns the full path of <paramref name="name"/> (searched in PATH and the sbin folders) or throws a <see cref="HarnessException"/> naming the Debian package.</summary>
    public static string Find(string name, string debianPackage)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : throw Missing(name, debianPackage);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        string[] extra = ["/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/bin", "/usr/local/sbin"];
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(extra))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw Missing(name, debianPackage);
    }

    private static HarnessException Missing(string name, string package) =>
        new($"'{name}' is not installed. Run './run setup' (or 'apt-get install -y {package}') and try again.");
}
