using System.Text;

namespace ImapMcp.Mcp.Internal;

/// <summary>File names from mail made safe to write: no folders, no control or reserved characters, bounded length, never overwriting.</summary>
internal static class FileNames
{
    private static readonly char[] Reserved = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    public static string Sanitize(string? name)
    {
        var b = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormC))
            b.Append(char.IsControl(c) || Reserved.Contains(c) || c is '\u202E' or '\u202D' or '\u200E' or '\u200F' ? '_' : c);
        var clean = b.ToString().Trim().TrimStart('.').Trim();
        if (clean.Length == 0)
            clean = "attachment";
        if (clean.Length > 120)
        {
            var ext = Path.GetExtension(clean);
            clean = clean[..(120 - Math.Min(ext.Length, 20))] + (ext.Length <= 20 ? ext : "");
        }

        return clean;
    }

    /// <summary>Creates a new file in <paramref name="directory"/>: "name.pdf", else "name (2).pdf", … (CreateNew: never overwrites, even racing).</summary>
    public static FileStream CreateNew(string directory, string name, out string path)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        for (var i = 1; ; i++)
        {
            path = Path.Combine(directory, i == 1 ? name : $"{stem} ({i}){ext}");
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(path) && i < 1000)
            {
            }
        }
    }
}
