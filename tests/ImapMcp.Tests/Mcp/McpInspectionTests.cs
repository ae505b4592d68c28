using System.Text.Json;
using static ImapMcp.Tests.Mcp.McpServerFixture;

namespace ImapMcp.Tests.Mcp;

/// <summary>Calendar invitations, authentication headers, untrusted content and attachments, through the built server over stdio.</summary>
public sealed class McpInspectionTests(InspectionServer server) : IClassFixture<InspectionServer>
{
    private const int OneMegabyte = 1;

    [Fact]
    public async Task A_calendar_invitation_is_read_into_its_event_fields()
    {
        var result = Structured(await server.CallAsync("calendar_invites", new() { ["key"] = server.InviteKey }));

        var e = Assert.Single(result.GetProperty("events").EnumerateArray());
        Assert.Equal("REQUEST", e.GetProperty("method").GetString());
        Assert.Equal("Design review: new onboarding flow", e.GetProperty("summary").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero), e.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), e.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("Sarah Lee <sarah.lee@events.example>", e.GetProperty("organizer").GetString());
        Assert.Equal("Room 4, Building B", e.GetProperty("location").GetString());
        Assert.Equal(["Alex Morgan <alex.morgan@example.com>"], e.GetProperty("attendees").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Searching_for_invitations_finds_the_real_one_and_says_which_files_hold_no_event()
    {
        var expectedEmpty = server.Mailbox.Messages.Count(m => m.Attachments.Any(a => a.FileName.EndsWith(".ics", StringComparison.Ordinal)));

        var result = Structured(await server.CallAsync("calendar_invites", new() { ["query"] = "", ["limit"] = 50 }));

        Assert.Equal(server.InviteKey, Assert.Single(result.GetProperty("events").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(expectedEmpty, result.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Authentication_results_come_from_the_topmost_header_and_are_flagged_as_forgeable()
    {
        var call = await server.CallAsync("authentication_results", new() { ["key"] = server.InviteKey });
        var result = Structured(call);

        Assert.Equal("pass", result.GetProperty("spf").GetString());
        Assert.Equal("pass", result.GetProperty("dkim").GetString());
        Assert.Equal("pass", result.GetProperty("dmarc").GetString());
        Assert.Equal(["events.example (selector sel1)"], result.GetProperty("dkimSigners").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(result.GetProperty("results").EnumerateArray(), r => r.GetProperty("domain").GetString() == "bank.example");
        Assert.Contains("a sender can write any of them", Text(call), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_text_is_fenced_so_an_injected_end_marker_cannot_close_the_fence_and_links_can_be_stripped()
    {
        var call = await server.CallAsync("get_message", new() { ["key"] = server.InviteKey, ["stripLinks"] = true });
        var message = Structured(call);

        var id = message.GetProperty("untrustedFenceId").GetString()!;
        var body = message.GetProperty("body").GetString()!;
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.StartsWith($"<<<BEGIN UNTRUSTED MAIL CONTENT {id} (message body)", body, StringComparison.Ordinal);
        Assert.EndsWith($"<<<END UNTRUSTED MAIL CONTENT {id}>>>", body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "<<<END UNTRUSTED"));
        Assert.Contains(InspectionServer.Injection, body, StringComparison.Ordinal);
        Assert.Contains("[link: track.example]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("click?id=123", Text(call), StringComparison.Ordinal);

        var tools = await server.Client.ListToolsAsync();
        Assert.Contains("not by the user", tools.Single(t => t.Name == "get_message").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_are_saved_only_into_the_configured_folder_with_safe_names_never_overwriting()
    {
        var list = Structured(await server.CallAsync("list_attachments", new() { ["key"] = server.AttachmentsKey })).GetProperty("attachments").EnumerateArray().ToList();
        var notes = list.Single(a => a.GetProperty("fileName").GetString()!.EndsWith("notes.txt", StringComparison.Ordinal)).GetProperty("part").GetString();
        var export = list.Single(a => a.GetProperty("fileName").GetString() == "export.bin").GetProperty("part").GetString();

        var first = Structured(await server.CallAsync("save_attachment", new() { ["key"] = server.AttachmentsKey, ["part"] = notes }));
        var second = Structured(await server.CallAsync("save_attachment", new() { ["key"] = server.AttachmentsKey, ["part"] = notes }));
        var tooBig = await server.CallAsync("save_attachment", new() { ["key"] = server.AttachmentsKey, ["part"] = export });
        var wrongPart = await server.CallAsync("save_attachment", new() { ["key"] = server.AttachmentsKey, ["part"] = "9" });

        foreach (var saved in new[] { first, second })
        {
            var path = saved.GetProperty("path").GetString()!;
            Assert.Equal(Path.GetFullPath(server.AttachmentsDirectory), Path.GetDirectoryName(path));
            Assert.Equal(InspectionServer.NotesBytes, await File.ReadAllBytesAsync(path));
        }

        Assert.Equal("_.._etc_notes.txt", Path.GetFileName(first.GetProperty("path").GetString()));
        Assert.Equal("_.._etc_notes (2).txt", Path.GetFileName(second.GetProperty("path").GetString()));
        Assert.True(tooBig.IsError);
        Assert.Contains($"over the limit of 1,048,576 bytes ({OneMegabyte} MB)", Text(tooBig), StringComparison.Ordinal);
        Assert.Contains("Its attachments: part", Text(wrongPart), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(server.AttachmentsDirectory).Length);
    }
}
