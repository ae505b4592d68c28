using System.Globalization;
using ImapMcp.Mail.Sync;

namespace ImapMcp.Cli;

/// <summary>Sync progress on stderr: a redrawn bar on a terminal, one line per folder otherwise.</summary>
internal sealed class ProgressBar(TextWriter writer, bool interactive) : IProgress<SyncProgress>
{
    private readonly Lock _lock = new();
    private string? _lastFolder;
    private SyncPhase _lastPhase;
    private bool _drawn;

    public void Report(SyncProgress value)
    {
        lock (_lock)
        {
            if (value.Phase == SyncPhase.Retrying)
            {
                Clear();
                writer.WriteLine("  " + value.Note);
                return;
            }

            if (value.Phase is not (SyncPhase.Headers or SyncPhase.Bodies))
                return;
            var label = value.Phase == SyncPhase.Headers ? "headers" : "bodies ";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{label} {Bar(value.Done, value.Total)} {value.Done,7}/{value.Total,-7} {value.MessagesPerSecond,7:0}/s  {value.Folder}");
            if (interactive)
            {
                writer.Write("\r" + line.PadRight(Math.Min(Console.BufferWidth - 1, 110)));
                _drawn = true;
            }
            else if (value.Done == value.Total || value.Folder != _lastFolder || value.Phase != _lastPhase)
            {
                if (value.Done == value.Total)
                    writer.WriteLine(line);
            }

            _lastFolder = value.Folder;
            _lastPhase = value.Phase;
        }
    }

    public void Finish()
    {
        lock (_lock)
            Clear();
    }

    private void Clear()
    {
        if (_drawn)
        {
            writer.WriteLine();
            _drawn = false;
        }
    }

    private static string Bar(long done, long total)
    {
        const int width = 24;
        var filled = total <= 0 ? width : (int)Math.Round(width * Math.Clamp((double)done / total, 0, 1));
        return "[" + new string('█', filled) + new string('·', width - filled) + "]";
    }
}
