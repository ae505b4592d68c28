namespace ImapMcp.Bench;

/// <summary>One raw pass over every folder: how many folders and messages, the bytes, the FETCH time summed and the wall time.</summary>
internal sealed record RawFetch(int Folders, int Messages, long Bytes, TimeSpan Fetch, TimeSpan Wall)
{
    public override string ToString() => $"{Messages:N0} messages in {Folders} folders, {Bytes / 1e6:N0} MB, FETCH {Report.Seconds(Fetch)}, wall {Report.Seconds(Wall)}";
}
