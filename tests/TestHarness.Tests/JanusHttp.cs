using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TestHarness.Tests;

/// <summary>Plain JSON over HTTP to the Janus and Admin APIs, the way a reader of the Janus docs would write it.</summary>
internal sealed class JanusHttp(Uri apiUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static string NewTransaction() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>POSTs <paramref name="request"/> (a transaction is added) to the API URL plus <paramref name="path"/> and returns Janus's answer.</summary>
    public async Task<JsonNode> PostAsync(JsonObject request, string path = "")
    {
        request["transaction"] ??= NewTransaction();
        using var response = await _http.PostAsJsonAsync(apiUrl.AbsoluteUri + path, request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<long> CreateSessionAsync(string apiSecret)
    {
        var answer = await PostAsync(new JsonObject { ["janus"] = "create", ["apisecret"] = apiSecret });
        Assert.Equal("success", (string?)answer["janus"]);
        return (long)answer["data"]!["id"]!;
    }

    public async Task<long> AttachAsync(long session, string plugin, string apiSecret)
    {
        var answer = await PostAsync(new JsonObject { ["janus"] = "attach", ["plugin"] = plugin, ["apisecret"] = apiSecret }, $"/{session}");
        Assert.Equal("success", (string?)answer["janus"]);
        return (long)answer["data"]!["id"]!;
    }

    /// <summary>Sends a synchronous plugin request and returns the plugin's data.</summary>
    public async Task<JsonNode> MessageAsync(long session, long handle, JsonObject body, string apiSecret)
    {
        var answer = await PostAsync(new JsonObject { ["janus"] = "message", ["body"] = body, ["apisecret"] = apiSecret }, $"/{session}/{handle}");
        Assert.True((string?)answer["janus"] == "success", answer.ToJsonString());
        return answer["plugindata"]!["data"]!;
    }

    public void Dispose() => _http.Dispose();
}
