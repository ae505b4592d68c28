namespace TestHarness.Dovecot;

/// <summary>What the server reports for a folder (doveadm mailbox status): the numbers a syncing client compares.</summary>
public sealed record FolderStatus(string Folder, int Messages, uint UidNext, uint UidValidity, ulong HighestModSeq, int Unseen);
