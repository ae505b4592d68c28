using ImapMcp.Mail.Configuration;
using MailKit;
using MailKit.Net.Imap;

namespace ImapMcp.Mail.Actions;

/// <summary>Folders: create (subscribed, so sync sees it), rename, delete; the cache follows at once.</summary>
public sealed partial class MailActions
{
    /// <summary>The longest folder name accepted.</summary>
    public const int MaxFolderNameLength = 200;

    /// <summary>Creates a folder (and missing parents) and subscribes it. Refused when it exists or the name is unusable.</summary>
    public async Task<JournalEntry> CreateFolderAsync(string name, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CreateFolderCoreAsync(name, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException e)
        {
            throw new ActionException($"The server refused to create '{name}': {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Renames a folder (its subfolders follow). INBOX never; a role folder (Sent, Drafts, …) only with <paramref name="allowRoleFolder"/>.</summary>
    public async Task<JournalEntry> RenameFolderAsync(string name, string newName, bool allowRoleFolder = false, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RenameFolderCoreAsync(name, newName, allowRoleFolder, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException e)
        {
            throw new ActionException($"The server refused to rename '{name}': {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Deletes a folder. Refused for INBOX, for a role folder without <paramref name="allowRoleFolder"/>, for a folder with
    /// subfolders, and for a non-empty folder without <paramref name="allowNonEmpty"/> (its messages are then lost: not undoable).
    /// </summary>
    public async Task<JournalEntry> DeleteFolderAsync(string name, bool allowRoleFolder = false, bool allowNonEmpty = false, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DeleteFolderCoreAsync(name, allowRoleFolder, allowNonEmpty, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException e)
        {
            throw new ActionException($"The server refused to delete '{name}': {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JournalEntry> CreateFolderCoreAsync(string name, long? undoOf, CancellationToken cancellationToken)
    {
        using var client = await _account.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var delimiter = Delimiter(client);
        CheckFolderName(name, delimiter);
        if (await FindFolderAsync(client, name, cancellationToken).ConfigureAwait(false) is not null)
            throw new ActionException($"The folder '{name}' already exists.");
        var folder = await EnsureFolderAsync(client, name, delimiter, cancellationToken).ConfigureAwait(false);
        await folder.StatusAsync(StatusItems.UidValidity, cancellationToken).ConfigureAwait(false);
        await _store.AddFolderAsync(name, delimiter, folder.UidValidity, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        return await JournalFolderAsync(undoOf is null ? ActionKind.CreateFolder : ActionKind.Undo, name, null, true, undoOf, $"Created folder {name}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<JournalEntry> RenameFolderCoreAsync(string name, string newName, bool allowRoleFolder, long? undoOf, CancellationToken cancellationToken)
    {
        using var client = await _account.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var delimiter = Delimiter(client);
        CheckFolderName(newName, delimiter);
        var folder = await RequireServerFolderAsync(client, name, cancellationToken).ConfigureAwait(false);
        await CheckRoleAsync(name, allowRoleFolder, "rename", cancellationToken).ConfigureAwait(false);
        if (await FindFolderAsync(client, newName, cancellationToken).ConfigureAwait(false) is not null)
            throw new ActionException($"The folder '{newName}' already exists; choose another name.");
        if (newName.StartsWith(name + delimiter, StringComparison.Ordinal))
            throw new ActionException($"'{newName}' is inside '{name}'; a folder cannot move into itself.");

        var split = newName.LastIndexOf(delimiter);
        var parent = split < 0
            ? client.GetFolder(client.PersonalNamespaces[0])
            : await EnsureFolderAsync(client, newName[..split], delimiter, cancellationToken).ConfigureAwait(false);
        await TryAsync(folder.UnsubscribeAsync(cancellationToken)).ConfigureAwait(false);
        await folder.RenameAsync(parent, newName[(split + 1)..], cancellationToken).ConfigureAwait(false);
        await folder.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        await SubscribeTreeAsync(folder, cancellationToken).ConfigureAwait(false);
        await _store.RenameFolderAsync(name, newName, delimiter, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        return await JournalFolderAsync(undoOf is null ? ActionKind.RenameFolder : ActionKind.Undo, name, newName, true, undoOf, $"Renamed folder {name} to {newName}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<JournalEntry> DeleteFolderCoreAsync(string name, bool allowRoleFolder, bool allowNonEmpty, long? undoOf, CancellationToken cancellationToken)
    {
        using var client = await _account.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var folder = await RequireServerFolderAsync(client, name, cancellationToken).ConfigureAwait(false);
        await CheckRoleAsync(name, allowRoleFolder, "delete", cancellationToken).ConfigureAwait(false);
        var children = await folder.GetSubfoldersAsync(false, cancellationToken).ConfigureAwait(false);
        if (children.Count > 0)
            throw new ActionException($"'{name}' has subfolders ({string.Join(", ", children.Take(5).Select(c => c.FullName))}); delete or move them first.");
        await folder.StatusAsync(StatusItems.Count, cancellationToken).ConfigureAwait(false);
        if (folder.Count > 0 && undoOf is not null)
            throw new ActionException($"'{name}' now holds {folder.Count} messages, so undoing its creation would lose them; move them out first, then undo again.");
        if (folder.Count > 0 && !allowNonEmpty)
            throw new ActionException($"'{name}' holds {folder.Count} messages. Move them elsewhere first, or ask again allowing a non-empty delete (its messages are then gone for good and this cannot be undone).");

        var lost = folder.Count;
        await TryAsync(folder.UnsubscribeAsync(cancellationToken)).ConfigureAwait(false);
        await folder.DeleteAsync(cancellationToken).ConfigureAwait(false);
        await _store.RemoveFolderAsync(name, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        return await JournalFolderAsync(
            undoOf is null ? ActionKind.DeleteFolder : ActionKind.Undo,
            name,
            null,
            lost == 0,
            undoOf,
            lost == 0 ? $"Deleted empty folder {name}" : $"Deleted folder {name} with its {lost} messages (permanent)",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<JournalEntry> JournalFolderAsync(ActionKind kind, string folder, string? destination, bool undoable, long? undoOf, string summary, CancellationToken cancellationToken)
    {
        if (undoOf is { } of)
            summary = $"Undo of entry {of}: {summary}";
        var id = await _store.StartJournalAsync(_time.GetUtcNow(), kind, folder, destination, 0, undoable && undoOf is null, undoOf, summary, CancellationToken.None).ConfigureAwait(false);
        await _store.FinishJournalAsync(id, 0, 0, "Done", null, CancellationToken.None).ConfigureAwait(false);
        return (await _store.GetJournalAsync(id, null, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task CheckRoleAsync(string name, bool allowRoleFolder, string verb, CancellationToken cancellationToken)
    {
        if (string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase))
            throw new ActionException($"INBOX cannot be {verb}d.");
        var cached = (await _store.GetFoldersAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Name == name);
        var role = cached?.Role ?? Settings.FolderRoles.FirstOrDefault(kv => kv.Value == name).Key;
        if (role != FolderRole.None && !allowRoleFolder)
            throw new ActionException($"'{name}' is the account's {role.ToString().ToLowerInvariant()} folder; {verb} it only if you really mean to, by asking again with the role-folder override.");
    }

    private static char Delimiter(ImapClient client) =>
        client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0].DirectorySeparator : '/';

    private static void CheckFolderName(string name, char delimiter)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ActionException("A folder name cannot be empty.");
        if (name.Length > MaxFolderNameLength)
            throw new ActionException($"The folder name is {name.Length} characters long; the limit is {MaxFolderNameLength}.");
        if (name.Any(c => char.IsControl(c) || c is '*' or '%'))
            throw new ActionException($"'{name}' contains a control character, '*' or '%', which IMAP folder names cannot hold.");
        if (name != name.Trim() || name.StartsWith(delimiter) || name.EndsWith(delimiter) || name.Contains($"{delimiter}{delimiter}", StringComparison.Ordinal))
            throw new ActionException($"'{name}' is not a usable folder name: no leading or trailing spaces or '{delimiter}', and no empty path segment. Nested folders are written Parent{delimiter}Child.");
    }

    private static async Task<IMailFolder?> FindFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            var folder = await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false);
            return folder.Attributes.HasFlag(FolderAttributes.NonExistent) ? null : folder;
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }

    private async Task<IMailFolder> RequireServerFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        if (await FindFolderAsync(client, name, cancellationToken).ConfigureAwait(false) is { } folder)
            return folder;
        var names = (await _store.GetFoldersAsync(cancellationToken).ConfigureAwait(false)).Select(f => f.Name).ToList();
        var suggestions = FolderNames.Suggest(name, names);
        throw new ActionException(
            $"There is no folder '{name}'." + (suggestions.Count > 0 ? $" Did you mean {string.Join(", ", suggestions.Select(s => $"'{s}'"))}?" : " List the folders to see their names."),
            suggestions);
    }

    /// <summary>The folder, creating and subscribing it and any missing parents.</summary>
    private static async Task<IMailFolder> EnsureFolderAsync(ImapClient client, string name, char delimiter, CancellationToken cancellationToken)
    {
        var current = client.GetFolder(client.PersonalNamespaces[0]);
        var path = "";
        foreach (var segment in name.Split(delimiter))
        {
            path = path.Length == 0 ? segment : path + delimiter + segment;
            var existing = await FindFolderAsync(client, path, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                current = existing;
                continue;
            }

            current = await current.CreateAsync(segment, true, cancellationToken).ConfigureAwait(false)
                ?? throw new ActionException($"The server did not create '{path}'.");
            await current.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    private static async Task SubscribeTreeAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        foreach (var child in await folder.GetSubfoldersAsync(false, cancellationToken).ConfigureAwait(false))
        {
            await child.SubscribeAsync(cancellationToken).ConfigureAwait(false);
            await SubscribeTreeAsync(child, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task TryAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (ImapCommandException)
        {
            // Unsubscribing a folder that was never subscribed is refused by some servers; it changes nothing.
        }
    }
}
