using System.Text.Json;
using System.Text.Json.Nodes;
using TestHarness.Janus;

namespace TestHarness.Tests;

public sealed class JanusServerTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_VideoRoom_created_on_the_test_Janus_is_listed()
    {
        await using var janus = await JanusServer.StartAsync();
        using var api = new JanusHttp(janus.HttpUrl);

        var session = await api.CreateSessionAsync(janus.ApiSecret);
        var handle = await api.AttachAsync(session, "janus.plugin.videoroom", janus.ApiSecret);
        var created = await api.MessageAsync(session, handle, new JsonObject
        {
            ["request"] = "create",
            ["room"] = 4242,
            ["description"] = "Town hall",
            ["publishers"] = 3,
            ["rec_dir"] = janus.RecordingFolder,
        }, janus.ApiSecret);
        var list = await api.MessageAsync(session, handle, new JsonObject { ["request"] = "list" }, janus.ApiSecret);

        Assert.Equal("created", (string?)created["videoroom"]);
        var rooms = list["list"]!.AsArray();
        var townHall = Assert.Single(rooms, r => (long)r!["room"]! == 4242);
        Assert.Equal("Town hall", (string?)townHall!["description"]);
        Assert.Equal(3, (int)townHall["max_publishers"]!);
        Assert.Contains(rooms, r => (long)r!["room"]! == janus.DefaultRoom);
    }

    [Fact]
    public async Task A_request_without_the_api_secret_is_refused_with_403()
    {
        await using var janus = await JanusServer.StartAsync();
        using var api = new JanusHttp(janus.HttpUrl);

        var withoutSecret = await api.PostAsync(new JsonObject { ["janus"] = "create" });
        var wrongSecret = await api.PostAsync(new JsonObject { ["janus"] = "create", ["apisecret"] = "guess" });

        Assert.Equal("error", (string?)withoutSecret["janus"]);
        Assert.Equal(403, (int)withoutSecret["error"]!["code"]!);
        Assert.Equal(403, (int)wrongSecret["error"]!["code"]!);
    }

    [Fact]
    public async Task A_signed_token_opens_a_session_without_the_api_secret()
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { SignedTokens = true });
        using var api = new JanusHttp(janus.HttpUrl);
        var token = janus.CreateSignedToken(DateTimeOffset.UtcNow.AddMinutes(5), "janus.plugin.videoroom");
        var expired = janus.CreateSignedToken(DateTimeOffset.UtcNow.AddMinutes(-5), "janus.plugin.videoroom");

        var accepted = await api.PostAsync(new JsonObject { ["janus"] = "create", ["token"] = token });
        var refused = await api.PostAsync(new JsonObject { ["janus"] = "create", ["token"] = expired });

        Assert.Equal("success", (string?)accepted["janus"]);
        Assert.Equal(403, (int)refused["error"]!["code"]!);
    }

    [Fact]
    public async Task The_admin_API_reports_the_configured_status_to_a_caller_with_the_admin_secret()
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { SessionTimeout = 45, ReclaimSessionTimeout = 7 });
        using var admin = new JanusHttp(janus.AdminUrl);

        var status = await admin.PostAsync(new JsonObject { ["janus"] = "get_status", ["admin_secret"] = janus.AdminSecret });
        var refused = await admin.PostAsync(new JsonObject { ["janus"] = "get_status", ["admin_secret"] = janus.ApiSecret });

        Assert.Equal("success", (string?)status["janus"]);
        Assert.Equal(45, (int)status["status"]!["session_timeout"]!);
        Assert.Equal(7, (int)status["status"]!["reclaim_session_timeout"]!);
        Assert.Equal(403, (int)refused["error"]!["code"]!);
    }

    [Fact]
    public async Task The_event_handler_tells_the_test_about_a_new_session_and_its_handle()
    {
        await using var events = JanusEventCollector.Start();
        await using var janus = await JanusServer.StartAsync(new JanusOptions { EventHandlerUrl = events.Url });
        using var api = new JanusHttp(janus.HttpUrl);

        var session = await api.CreateSessionAsync(janus.ApiSecret);
        var handle = await api.AttachAsync(session, "janus.plugin.videoroom", janus.ApiSecret);

        var created = await events.WaitForAsync(e => Type(e) == 1 && SessionOf(e) == session, EventTimeout);
        var attached = await events.WaitForAsync(e => Type(e) == 2 && HandleOf(e) == handle, EventTimeout);
        Assert.Equal("created", created.GetProperty("event").GetProperty("name").GetString());
        Assert.Equal("attached", attached.GetProperty("event").GetProperty("name").GetString());
        Assert.Equal("janus.plugin.videoroom", attached.GetProperty("event").GetProperty("plugin").GetString());
    }

    [Fact]
    public async Task A_Janus_started_on_ports_someone_else_holds_fails_with_a_harness_error_that_says_so()
    {
        await using var first = await JanusServer.StartAsync();

        var error = await Assert.ThrowsAsync<HarnessException>(() => JanusServer.StartAsync(new JanusOptions { HttpPort = first.HttpUrl.Port }));

        Assert.Contains(first.HttpUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Janus_API_and_the_Admin_API_also_answer_over_WebSocket()
    {
        await using var janus = await JanusServer.StartAsync(new JanusOptions { AdminWebSocket = true });

        var created = await AskOverWebSocketAsync(janus.WebSocketUrl, "janus-protocol", new JsonObject { ["janus"] = "create", ["apisecret"] = janus.ApiSecret });
        var status = await AskOverWebSocketAsync(janus.AdminWebSocketUrl!, "janus-admin-protocol", new JsonObject { ["janus"] = "get_status", ["admin_secret"] = janus.AdminSecret });

        Assert.Equal("success", (string?)created["janus"]);
        Assert.True((long)created["data"]!["id"]! > 0);
        Assert.Equal("success", (string?)status["janus"]);
    }

    [Fact]
    public async Task A_demo_Janus_on_fixed_ports_keeps_its_config_and_log_in_its_folder_after_it_stops()
    {
        using var folder = TestHarness.Processes.TempFolder.Create("janus-demo");
        var port = TestHarness.Processes.PortAllocator.Next();
        var janus = await JanusServer.StartAsync(new JanusOptions { Folder = folder.Path, HttpPort = port });
        try
        {
            Assert.Equal(new Uri($"http://127.0.0.1:{port}/janus"), janus.HttpUrl);
            Assert.StartsWith(folder.Path, janus.RecordingFolder, StringComparison.Ordinal);
        }
        finally
        {
            await janus.StopAsync();
        }

        Assert.Contains($"port = {port}", await File.ReadAllTextAsync(Path.Combine(janus.ConfigFolder, "janus.transport.http.jcfg")), StringComparison.Ordinal);
        Assert.Contains("VideoRoom plugin initialized", await File.ReadAllTextAsync(Path.Combine(folder.Path, "janus.log")), StringComparison.Ordinal);
        Assert.True(Directory.Exists(janus.RecordingFolder));
    }

    private static async Task<JsonNode> AskOverWebSocketAsync(Uri url, string subprotocol, JsonObject request)
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.AddSubProtocol(subprotocol);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(url, timeout.Token);
        request["transaction"] = JanusHttp.NewTransaction();
        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(request.ToJsonString()), System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[64 * 1024];
        var length = 0;
        System.Net.WebSockets.ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += received.Count;
        }
        while (!received.EndOfMessage);

        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        return JsonNode.Parse(buffer.AsSpan(0, length))!;
    }

    internal static int Type(JsonElement e) => e.GetProperty("type").GetInt32();

    internal static long SessionOf(JsonElement e) => e.TryGetProperty("session_id", out var s) ? s.GetInt64() : 0;

    internal static long HandleOf(JsonElement e) => e.TryGetProperty("handle_id", out var h) ? h.GetInt64() : 0;
}
