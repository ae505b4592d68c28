using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using JanusFleet.Janus.Internal;

namespace JanusFleet.Janus;

/// <summary>
/// A handle attached to one plugin. Plugin-specific handles (VideoRoom, AudioBridge) wrap it. Its events arrive on
/// <see cref="Events"/>; detaching (here or by Janus) is idempotent and fails every request it owned.
/// </summary>
public sealed class JanusHandle : IAsyncDisposable
{
    private readonly Channel<JanusEvent> _events;
    private long _dropped;
    private Exception? _endedReason;

    internal JanusHandle(JanusSession session, long id, string plugin, string? opaqueId)
    {
        Session = session;
        Id = id;
        Plugin = plugin;
        OpaqueId = opaqueId;
        _events = Channel.CreateBounded<JanusEvent>(new BoundedChannelOptions(session.Connection.Options.EventBufferCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        }, _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The handle id Janus assigned.</summary>
    public long Id { get; }

    /// <summary>The plugin package ("janus.plugin.videoroom").</summary>
    public string Plugin { get; }

    /// <summary>The opaque id given at attach, or null.</summary>
    public string? OpaqueId { get; }

    /// <summary>The session that owns this handle.</summary>
    public JanusSession Session { get; }

    /// <summary>
    /// Everything Janus reports about this handle: plugin events, webrtcup, media, slowlink, hangup, trickle, detached.
    /// The reader completes when the handle is detached.
    /// </summary>
    public ChannelReader<JanusEvent> Events => _events.Reader;

    /// <summary>How many unread events were dropped because nobody read <see cref="Events"/> fast enough.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>True once the handle is detached.</summary>
    public bool IsDetached => _endedReason is not null;

    /// <summary>
    /// Sends a message to the plugin and returns its answer, whether the plugin answers at once or with an event
    /// after an ack. A plugin-level error becomes <see cref="JanusErrorException"/> with <see cref="JanusErrorException.Plugin"/> set.
    /// </summary>
    public Task<JanusPluginResponse> SendMessageAsync(JsonElement body, Jsep? jsep = null, CancellationToken cancellationToken = default) =>
        SendCoreAsync(w => body.WriteTo(w), jsep, cancellationToken);

    /// <summary>Sends a typed message body serialized with a source-generated type info.</summary>
    public Task<JanusPluginResponse> SendMessageAsync<TBody>(TBody body, JsonTypeInfo<TBody> typeInfo, Jsep? jsep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return SendCoreAsync(w => JsonSerializer.Serialize(w, body, typeInfo), jsep, cancellationToken);
    }

    /// <summary>Sends a message whose body <paramref name="writeBody"/> writes (plugin handles build their bodies this way).</summary>
    internal async Task<JanusPluginResponse> SendCoreAsync(Action<Utf8JsonWriter> writeBody, Jsep? jsep, CancellationToken cancellationToken)
    {
        ThrowIfDetached();
        var answer = await Session.Connection.RequestAsync(
            JanusProtocol.Message,
            Session.Id,
            Id,
            completesOnAck: false,
            w =>
            {
                w.WritePropertyName(JanusProtocol.Body);
                writeBody(w);
                if (jsep is not null)
                {
                    RequestWriter.WriteJsep(w, jsep);
                }
            },
            cancellationToken).ConfigureAwait(false);
        var (plugin, data) = EventParser.ParsePluginData(answer, Plugin) ?? (Plugin, default);
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(JanusProtocol.ErrorCode, out var code) && code.TryGetInt32(out var c))
        {
            throw new JanusErrorException(c, EventParser.Str(data, JanusProtocol.Error) ?? string.Empty, plugin);
        }

        return new JanusPluginResponse(plugin, data, EventParser.ParseJsep(answer));
    }

    /// <summary>Trickles one local candidate to Janus.</summary>
    public Task TrickleAsync(IceCandidate candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return SendTrickleAsync(w =>
        {
            w.WritePropertyName(JanusProtocol.Candidate);
            RequestWriter.WriteCandidate(w, candidate);
        }, cancellationToken);
    }

    /// <summary>Trickles several local candidates in one request.</summary>
    public Task TrickleAsync(IReadOnlyList<IceCandidate> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return SendTrickleAsync(w =>
        {
            w.WriteStartArray(JanusProtocol.Candidates);
            foreach (var c in candidates)
            {
                RequestWriter.WriteCandidate(w, c);
            }

            w.WriteEndArray();
        }, cancellationToken);
    }

    /// <summary>Tells Janus there are no more local candidates.</summary>
    public Task TrickleCompletedAsync(CancellationToken cancellationToken = default) =>
        SendTrickleAsync(w =>
        {
            w.WriteStartObject(JanusProtocol.Candidate);
            w.WriteBoolean(JanusProtocol.Completed, true);
            w.WriteEndObject();
        }, cancellationToken);

    private Task SendTrickleAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        ThrowIfDetached();
        return Session.Connection.RequestAsync(JanusProtocol.Trickle, Session.Id, Id, completesOnAck: true, write, cancellationToken);
    }

    /// <summary>Hangs up the PeerConnection; the handle stays attached.</summary>
    public async Task HangupAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDetached();
        await Session.Connection.RequestAsync(JanusProtocol.Hangup, Session.Id, Id, completesOnAck: false, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Detaches the handle; does nothing when it is already detached.</summary>
    public async Task DetachAsync(CancellationToken cancellationToken = default)
    {
        if (IsDetached)
        {
            return;
        }

        try
        {
            await Session.Connection.RequestAsync(JanusProtocol.Detach, Session.Id, Id, completesOnAck: false, null, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusErrorException ex) when (ex.CoreCode == JanusErrorCode.HandleNotFound)
        {
            // Already gone on Janus.
        }
        catch (JanusHandleDetachedException)
        {
            // Janus's "detached" event raced ahead of its answer to this detach: the outcome asked for.
        }
        finally
        {
            TearDown(new ObjectDisposedException(nameof(JanusHandle), $"Handle {Id} was detached."));
        }
    }

    /// <summary>Detaches the handle (best effort).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await DetachAsync().ConfigureAwait(false);
        }
        catch (JanusException)
        {
            TearDown(new ObjectDisposedException(nameof(JanusHandle)));
        }
    }

    internal void Dispatch(JanusEvent e)
    {
        _events.Writer.TryWrite(e);
        if (e is JanusDetachedEvent)
        {
            TearDown(new JanusHandleDetachedException(Id, $"Janus detached handle {Id}."));
        }
    }

    /// <summary>Ends the handle here: idempotent; fails what it owned and completes its event stream.</summary>
    internal void TearDown(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _endedReason, reason, null) is not null)
        {
            return;
        }

        Session.ForgetHandle(Id);
        var detached = reason as JanusHandleDetachedException
            ?? new JanusHandleDetachedException(Id, $"Handle {Id} was detached.", reason);
        Session.Connection.Transactions.FailWhere(tx => tx.HandleId == Id, _ => detached);
        _events.Writer.TryComplete();
    }

    private void ThrowIfDetached()
    {
        if (_endedReason is { } reason)
        {
            throw reason as JanusHandleDetachedException ?? new JanusHandleDetachedException(Id, $"Handle {Id} is detached.", reason);
        }
    }
}
