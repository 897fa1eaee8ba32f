using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Watchpost.Mqtt.Commands;

/// <summary>
/// Takes commands on <c>&lt;root&gt;/cmd/+</c> (one level: the verb, so this box's own replies on
/// <c>cmd/&lt;verb&gt;/result</c> never come back as commands) and answers every one, valid or not, exactly once on
/// <c>cmd/&lt;verb&gt;/result</c> and, for an MQTT 5 request with a response topic, there too with its correlation
/// data. The payload is checked before any handler runs (size, JSON, an object, request_id); commands run one at
/// a time, so a reload and an arm never interleave.
/// </summary>
public sealed class CommandRouter : IHostedService, IDisposable
{
    /// <summary>Largest payload taken; a bigger one is refused unread.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    public const int MaxRequestIdLength = 128;

    /// <summary>How long one command may take before its reply says it timed out.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    private readonly IMqttConnection? _connection;
    private readonly ILogger<CommandRouter> _logger;
    private readonly FrozenDictionary<string, ICommandHandler> _handlers;
    private readonly string _verbs;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private IDisposable? _subscription;

    /// <param name="connection">The appliance's MQTT connection; without one the router takes no commands (and says so).</param>
    public CommandRouter(IEnumerable<ICommandHandler> handlers, ILogger<CommandRouter> logger, IMqttConnection? connection = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _connection = connection;
        _logger = logger;
        _handlers = handlers.ToFrozenDictionary(h => h.Verb, StringComparer.Ordinal);
        _verbs = string.Join(", ", _handlers.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>The verbs taken, in order.</summary>
    public IReadOnlyCollection<string> Verbs => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            _logger.LogWarning("MQTT commands are off: no MQTT connection is registered");
            return Task.CompletedTask;
        }

        _subscription = _connection.Subscribe($"{_connection.TopicRoot}/cmd/+", OnMessageAsync);
        _logger.LogInformation("Taking MQTT commands on {Topic}: {Verbs}", $"{_connection.TopicRoot}/cmd/<verb>", _verbs);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _oneAtATime.Dispose();
    }

    /// <summary>
    /// Answers one command message: runs it and publishes the reply (the entry point the MQTT subscription and the
    /// fuzz test call). Never throws for anything in the message.
    /// </summary>
    public async Task OnMessageAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_connection is null)
        {
            return;
        }

        var prefix = _connection.TopicRoot + "/cmd/";
        var topic = message.Topic ?? "";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal) || topic.AsSpan(prefix.Length).Contains('/'))
        {
            return;   // not a command (a reply, or another box's): never answered, so replies cannot loop
        }

        var verb = topic[prefix.Length..];
        var response = await ExecuteAsync(verb, message.Payload, cancellationToken);
        var payload = response.ToJsonBytes();
        await PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic + "/result")
            .WithPayload(payload)
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);

        if (ResponseTopicRefusal(message.ResponseTopic, _connection.TopicRoot) is { } refusal)
        {
            _logger.LogWarning("MQTT command {Verb}: not answering on response topic {Topic}: {Reason}", CommandRequest.Quote(verb), CommandRequest.Quote(message.ResponseTopic!), refusal);
        }
        else if (!string.IsNullOrEmpty(message.ResponseTopic))
        {
            var reply = new MqttApplicationMessageBuilder()
                .WithTopic(message.ResponseTopic)
                .WithPayload(payload)
                .WithContentType("application/json")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            if (message.CorrelationData is { Length: > 0 } correlation)
            {
                reply = reply.WithCorrelationData(correlation);
            }

            await PublishAsync(reply.Build(), cancellationToken);
        }
    }

    /// <summary>Runs one command from its verb and raw payload and says what to reply; never throws for bad input.</summary>
    public async Task<CommandResponse> ExecuteAsync(string verb, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verb);
        if (payload.Length > MaxPayloadBytes)
        {
            return Refuse(verb, null, $"the payload is {payload.Length} bytes; a command takes at most {MaxPayloadBytes}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, ParseOptions);
        }
        catch (JsonException e)
        {
            return Refuse(verb, null, $"the payload is not valid JSON ({e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.')}); a command is a JSON object, e.g. {{}}");
        }
        catch (ArgumentException e)
        {
            return Refuse(verb, null, $"the payload is not valid JSON ({e.Message}); a command is a JSON object, e.g. {{}}");
        }

        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return Refuse(verb, null, $"the payload must be a JSON object, e.g. {{}}; got {CommandRequest.Kind(body)}");
            }

            string? requestId = null;
            if (body.TryGetProperty("request_id", out var id))
            {
                if (id.ValueKind != JsonValueKind.String)
                {
                    return Refuse(verb, null, $"request_id must be a string, got {CommandRequest.Kind(id)}");
                }

                requestId = CommandRequest.Text(id);
                if (requestId is null || requestId.Length > MaxRequestIdLength || requestId.Any(char.IsControl) || requestId.Any(char.IsSurrogate))
                {
                    return Refuse(verb, null, $"request_id must be at most {MaxRequestIdLength} characters without control characters or surrogates");
                }
            }

            if (!_handlers.TryGetValue(verb, out var handler))
            {
                return Refuse(verb, requestId, $"unknown command {CommandRequest.Quote(verb)}; the commands are {_verbs}");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            await _oneAtATime.WaitAsync(cancellationToken);
            try
            {
                var result = await handler.HandleAsync(new CommandRequest(verb, requestId, body), timeout.Token);
                _logger.LogInformation("MQTT command {Verb} {RequestId}: done", verb, requestId);
                return CommandResponse.Success(verb, requestId, result.Result);
            }
            catch (CommandRefusedException e)
            {
                return Refuse(verb, requestId, e.Message);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return Refuse(verb, requestId, $"timed out after {CommandTimeout.TotalSeconds:0} s");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "MQTT command {Verb} {RequestId} failed", verb, requestId);
                return CommandResponse.Failure(verb, requestId, $"the command failed on the box ({e.GetType().Name}: {e.Message})");
            }
            finally
            {
                _oneAtATime.Release();
            }
        }
    }

    /// <summary>
    /// Why a request's response topic is not answered on, or null: a client must not make this box publish on its
    /// own topics (alerts, state, availability) or on a system or wildcard topic.
    /// </summary>
    internal static string? ResponseTopicRefusal(string? responseTopic, string topicRoot)
    {
        if (string.IsNullOrEmpty(responseTopic))
        {
            return null;
        }

        if (responseTopic.Length > 1024)
        {
            return "longer than 1024 characters";
        }

        if (responseTopic.AsSpan().IndexOfAny('#', '+', '\0') >= 0 || responseTopic.StartsWith('$'))
        {
            return "a wildcard or system topic";
        }

        return responseTopic == topicRoot || responseTopic.StartsWith(topicRoot + "/", StringComparison.Ordinal)
            ? "it lies under this box's own topics"
            : null;
    }

    private CommandResponse Refuse(string verb, string? requestId, string error)
    {
        _logger.LogInformation("MQTT command {Verb} {RequestId} refused: {Error}", CommandRequest.Quote(verb), requestId, error);
        return CommandResponse.Failure(verb, requestId, error);
    }

    private async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _connection!.PublishAsync(message, cancellationToken);
            if (!result.IsSuccess)
            {
                _logger.LogWarning("The broker refused the command reply on {Topic}: {Reason}", CommandRequest.Quote(message.Topic), result.ReasonCode);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The command ran; only its reply is lost (a controller waiting on it times out and asks again).
            _logger.LogWarning("Could not publish the command reply on {Topic}: {Reason}", CommandRequest.Quote(message.Topic), e.Message);
        }
    }
}
