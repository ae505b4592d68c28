using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using JanusFleet.Janus.Admin;
using Microsoft.Extensions.Time.Testing;

namespace JanusFleet.Janus.Tests;

public sealed class AdminClientTests
{
    [Fact]
    public async Task Admin_requests_carry_the_admin_secret_and_typed_answers_come_back()
    {
        var handler = new ScriptedHandler("""{"janus":"success","transaction":"x","sessions":[11,22]}""");
        using var admin = new JanusAdminClient(new JanusAdminOptions { Uri = new Uri("http://127.0.0.1:1/admin"), AdminSecret = "overlord", HttpMessageHandler = handler });

        Assert.Equal([11L, 22L], await admin.ListSessionsAsync());

        var sent = JsonNode.Parse(handler.Bodies.Single())!;
        Assert.Equal("list_sessions", (string?)sent["janus"]);
        Assert.Equal("overlord", (string?)sent["admin_secret"]);
        Assert.Null(sent["apisecret"]);
    }

    [Fact]
    public async Task A_refusal_is_a_typed_error_with_the_core_code()
    {
        var handler = new ScriptedHandler("""{"janus":"error","transaction":"x","error":{"code":403,"reason":"Unauthorized request (wrong or missing secret/token)"}}""");
        using var admin = new JanusAdminClient(new JanusAdminOptions { Uri = new Uri("http://127.0.0.1:1/admin"), AdminSecret = "guess", HttpMessageHandler = handler });

        var error = await Assert.ThrowsAsync<JanusErrorException>(() => admin.GetStatusAsync());

        Assert.Equal(JanusErrorCode.Unauthorized, error.CoreCode);
    }

    [Fact]
    public async Task An_Admin_API_that_never_answers_times_out_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(null);
        using var admin = new JanusAdminClient(new JanusAdminOptions { Uri = new Uri("http://127.0.0.1:1/admin"), AdminSecret = "s", HttpMessageHandler = handler, TimeProvider = time, RequestTimeout = TimeSpan.FromSeconds(3) });

        var ping = admin.PingAsync();
        await handler.Started.Task;
        time.Advance(TimeSpan.FromSeconds(3));

        var timeout = await Assert.ThrowsAsync<JanusTimeoutException>(() => ping);
        Assert.Equal("ping", timeout.Request);
    }

    private sealed class ScriptedHandler(string? answer) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            Started.TrySetResult();
            if (answer is null)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer!, Encoding.UTF8, "application/json") };
        }
    }
}
