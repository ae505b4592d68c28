namespace ImapMcp.Tests.Mcp;

/// <summary>Where the built imap-mcp lives: the host project's own output, the same configuration as these tests.</summary>
internal static class ImapMcpExecutable
{
    public static string Dll { get; } = Find();

    private static string Find()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Products.slnx")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException($"Products.slnx not found above {AppContext.BaseDirectory}");
        var dll = Path.Combine(root.FullName, "src", "ImapMcp", "bin", configuration, framework, "imap-mcp.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first (./run build).");
    }
}
