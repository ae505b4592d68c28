using System.Text.Json;
using TestHarness.Chromium;
using TestHarness.Janus;
using TestHarness.Network;

namespace TestHarness.Tests;

public sealed class ChromiumJanusTests
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_page_served_from_memory_is_a_secure_context_that_gets_the_fake_camera_and_microphone()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        browser.Serve("/media.html", "<!doctype html><title>media</title><p>media test</p>");
        var page = await browser.OpenAsync("/media.html");

        var kinds = await page.EvaluateAsync<string[]>(
            "async () => (await navigator.mediaDevices.getUserMedia({ audio: true, video: true })).getTracks().map(t => t.kind).sort()");

        Assert.True(await page.EvaluateAsync<bool>("() => window.isSecureContext"));
        Assert.Equal(["audio", "video"], kinds);
        Assert.Equal("media", await page.TitleAsync());
    }

    [Fact]
    public async Task Chromium_publishes_fake_media_into_Janus_inside_a_network_namespace_and_Janus_reports_webrtcup()
    {
        await using var ns = await NetworkNamespace.CreateAsync();
        await using var events = JanusEventCollector.Start();
        await using var janus = await JanusServer.StartAsync(new JanusOptions { Namespace = ns, EventHandlerUrl = events.Url });
        await using var browser = await ChromiumBrowser.LaunchAsync(ns);

        var publisher = await browser.OpenPublisherAsync(janus.HttpUrl, janus.DefaultRoom, "Alice", apiSecret: janus.ApiSecret, debug: true);
        var state = await publisher.WaitForAsync(s => (s.WebRtcUp && s.MediaAudio && s.MediaVideo) || s.Errors.Count > 0, MediaTimeout);

        Assert.True(state.Errors.Count == 0, $"The page reported: {string.Join("; ", state.Errors)}\nIts console:\n{string.Join('\n', publisher.ConsoleLines.TakeLast(30))}");
        Assert.True(state.WebRtcUp);
        Assert.NotNull(state.FeedId);
        var handle = state.HandleId!.Value;
        var webrtcUp = await events.WaitForAsync(e => Type(e) == 16 && HandleOf(e) == handle && Field(e, "connection") == "webrtcup", MediaTimeout);
        var audio = await events.WaitForAsync(e => Type(e) == 32 && HandleOf(e) == handle && Field(e, "media") == "audio" && Receiving(e), MediaTimeout);
        var video = await events.WaitForAsync(e => Type(e) == 32 && HandleOf(e) == handle && Field(e, "media") == "video" && Receiving(e), MediaTimeout);
        Assert.Equal(state.SessionId, webrtcUp.GetProperty("session_id").GetInt64());
        Assert.True(ChromiumProcessesIn(ns.Id) > 0, "no Chromium process runs inside the namespace");
        Assert.True(audio.GetProperty("event").GetProperty("receiving").GetBoolean());
        Assert.True(video.GetProperty("event").GetProperty("receiving").GetBoolean());
    }

    private static int ChromiumProcessesIn(string namespaceId) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(pid => int.TryParse(pid, out _) && NetworkNamespace.NamespaceOf(pid!) == namespaceId)
            .Count(pid => ReadCommandLine(pid!).Contains("chromium", StringComparison.Ordinal));

    private static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int Type(JsonElement e) => e.GetProperty("type").GetInt32();

    private static long HandleOf(JsonElement e) => e.TryGetProperty("handle_id", out var h) ? h.GetInt64() : 0;

    private static string? Field(JsonElement e, string name) =>
        e.GetProperty("event").TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Receiving(JsonElement e) =>
        e.GetProperty("event").TryGetProperty("receiving", out var r) && r.ValueKind == JsonValueKind.True;
}
