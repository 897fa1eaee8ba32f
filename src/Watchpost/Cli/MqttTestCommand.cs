using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Watchpost.Configuration;
using Watchpost.Mqtt;
using Watchpost.Mqtt.Broker;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost mqtt test</c>: connects as the site file says (mqtt.broker with mqtt.username/password/caFile, or
/// the running service's embedded broker with the controller account), subscribes to a test topic under the
/// device's prefix, publishes to it and times the round trip. The endpoint and client options come from the same
/// code as the service's connection (<see cref="MqttBrokerEndpoint"/>, <see cref="MqttClientOptionsFactory"/>).
/// A failure is told in installer terms (not authorised, unreachable, TLS), never with the password.
/// </summary>
internal static class MqttTestCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the connection and for the message to come back",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("test",
            "Connect to the site's MQTT broker with the configured credentials, publish and subscribe on a test topic, and time the round trip")
        {
            config, json, timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 300)
            {
                await error.WriteLineAsync($"watchpost mqtt test: --timeout {seconds.ToString(CultureInfo.InvariantCulture)}: expected seconds from 0.1 to 300");
                return ExitCodes.BadInput;
            }

            var options = WatchpostOptionsLoader.Load(parse.GetRequiredValue(config));
            MqttTestResult result;
            try
            {
                result = await TestAsync(options, TimeSpan.FromSeconds(seconds), error, ct);
            }
            catch (Exception e) when (e is FormatException or MqttCredentialsException)
            {
                await error.WriteLineAsync($"watchpost mqtt test: {e.Message}");
                return ExitCodes.BadInput;
            }

            await WriteAsync(parse, result);
            return result.Ok ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static async Task<MqttTestResult> TestAsync(WatchpostOptions options, TimeSpan timeout, TextWriter error, CancellationToken ct)
    {
        var root = $"{options.Mqtt.TopicPrefix}/{options.Site.DeviceId}";
        var embedded = string.IsNullOrWhiteSpace(options.Mqtt.Broker);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

        // The embedded broker lets a controller publish only commands; the service answers an unknown one on .../result.
        var topic = embedded ? $"{root}/cmd/mqtt-test" : $"{root}/mqtt-test/{nonce}";
        MqttBrokerEndpoint broker;
        if (embedded)
        {
            if (options.Mqtt.EmbeddedPort == 0)
            {
                return Failed(new MqttBrokerEndpoint(options.Mqtt.EmbeddedListen, 0, null, null), true, topic, "not_testable",
                    "mqtt.embeddedPort is 0: the service picks a free port at each start, so no client can find it",
                    "set mqtt.embeddedPort (1883) in the site file and restart the service");
            }

            var endpoint = EmbeddedEndpoint(options);
            if (endpoint.Password is null)
            {
                return Failed(endpoint, true, topic, "not_running",
                    $"the controller '{endpoint.Username}' has no password yet: the service writes the embedded broker's passwords at its first start",
                    "start the service (`watchpost service install`, or `watchpost run`), then run this again");
            }

            broker = endpoint;
        }
        else
        {
            broker = MqttBrokerEndpoint.FromOptions(options.Mqtt);
        }

        using var factory = new MqttClientOptionsFactory(broker);
        var clientOptions = factory.Build($"watchpost-{options.Site.DeviceId}-test-{nonce}", TimeSpan.FromSeconds(15), timeout, willTopic: null);
        using var client = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        var payload = $"{{\"request_id\":\"mqtt-test-{nonce}\"}}";
        client.ApplicationMessageReceivedAsync += args =>
        {
            if (args.ApplicationMessage.Topic == topic && args.ApplicationMessage.ConvertPayloadToString() == payload)
            {
                received.TrySetResult(clock.Elapsed);
            }
            else if (args.ApplicationMessage.Topic == topic + "/result")
            {
                answered.TrySetResult();
            }

            return Task.CompletedTask;
        };

        await using var progress = CliProgress.Start(error, $"Connecting to {broker}");
        var connecting = Stopwatch.StartNew();
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectTimeout.CancelAfter(timeout);
            var connect = await client.ConnectAsync(clientOptions, connectTimeout.Token);
            if (connect.ResultCode != MqttClientConnectResultCode.Success)
            {
                return Refused(broker, embedded, topic, connect.ResultCode);
            }
        }
        catch (MqttConnectingFailedException e)
        {
            return Refused(broker, embedded, topic, ResultCode(e));
        }
        catch (Exception e) when (e is MqttCommunicationException or SocketException or AuthenticationException or OperationCanceledException or IOException
                                      && !ct.IsCancellationRequested)
        {
            return Unreachable(broker, embedded, topic, e, factory.TlsProblem, timeout);
        }

        var connectMs = connecting.Elapsed.TotalMilliseconds;
        progress.Step($"Publishing on {topic}");
        var filters = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        if (embedded)
        {
            filters = filters.WithTopicFilter(topic + "/result", MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var subscribed = await client.SubscribeAsync(filters.Build(), ct);
        if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode > 2) is { } refusedFilter)
        {
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
            return Failed(broker, embedded, topic, "not_authorised",
                $"the broker refused the subscription to {refusedFilter.TopicFilter.Topic} ({refusedFilter.ResultCode})",
                $"give {broker.Username ?? "the client"} read access to {root}/# in the broker's ACL") with { ConnectMs = connectMs };
        }

        clock.Start();
        var published = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        if (!published.IsSuccess)
        {
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
            return Failed(broker, embedded, topic, "not_authorised", $"the broker refused the message on {topic} ({published.ReasonCode})",
                $"give {broker.Username ?? "the client"} write access to {root}/# in the broker's ACL") with { ConnectMs = connectMs };
        }

        TimeSpan roundTrip;
        try
        {
            roundTrip = await received.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            await client.DisconnectAsync(cancellationToken: CancellationToken.None);
            return Failed(broker, embedded, topic, "no_round_trip", $"the message published on {topic} did not come back within {timeout.TotalSeconds:0.#} s",
                "the broker accepted it but did not deliver it to this subscriber: check its ACL (read access to the topic)") with { ConnectMs = connectMs };
        }

        bool? serviceAnswered = null;
        if (embedded)
        {
            serviceAnswered = await answered.Task.WaitAsync(TimeSpan.FromSeconds(Math.Min(3, timeout.TotalSeconds)), ct)
                .ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        }

        await client.DisconnectAsync(cancellationToken: CancellationToken.None);
        return new MqttTestResult(true, broker.ToString(), embedded, broker.Username, topic, Math.Round(connectMs, 1),
            Math.Round(roundTrip.TotalMilliseconds, 2), serviceAnswered, null, null, null);
    }

    /// <summary>The embedded broker as a client on this box reaches it, with the first controller account (its password null until the service has run).</summary>
    private static MqttBrokerEndpoint EmbeddedEndpoint(WatchpostOptions options)
    {
        using var logs = Logging.CreateFactory();
        var credentials = new MqttCredentialStore(options.Storage.Path, logs.CreateLogger<MqttCredentialStore>()).Read(options.Mqtt);
        var controller = credentials.Users.FirstOrDefault(u => u.Role == MqttRole.Controller)
            ?? throw new MqttCredentialsException("mqtt.users: no controller account to test with; add one (role controller)");
        var listen = options.Mqtt.EmbeddedListen;
        var host = string.Equals(listen, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback.ToString() : listen;
        if (IPAddress.TryParse(listen, out var address))
        {
            host = address.Equals(IPAddress.Any) ? IPAddress.Loopback.ToString() : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback.ToString() : address.ToString();
        }

        return new MqttBrokerEndpoint(host, options.Mqtt.EmbeddedPort, controller.Username, controller.Password);
    }

    private static MqttTestResult Refused(MqttBrokerEndpoint broker, bool embedded, string topic, MqttClientConnectResultCode code) =>
        code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
            ? Failed(broker, embedded, topic, "not_authorised",
                $"the broker refused user '{broker.Username ?? "(none)"}': bad user name or password ({code})",
                embedded
                    ? "the controller's password is the one `watchpost mqtt credentials` shows; if mqtt.users sets it, the service must have been restarted since"
                    : "check mqtt.username and mqtt.password (or the URL's user:password) against the broker's accounts")
            : Failed(broker, embedded, topic, "refused", $"the broker refused the connection ({code})", "see the broker's log for why");

    private static MqttTestResult Unreachable(MqttBrokerEndpoint broker, bool embedded, string topic, Exception e, string? tlsProblem, TimeSpan timeout)
    {
        var socket = Inner<SocketException>(e);
        if (tlsProblem is not null || Inner<AuthenticationException>(e) is not null)
        {
            return Failed(broker, embedded, topic, "tls", $"TLS to {broker} failed: {tlsProblem ?? Inner<AuthenticationException>(e)!.Message}",
                broker.CaFile is null
                    ? "the broker's certificate is not trusted by this box; set mqtt.caFile to the PEM of the CA that signed it"
                    : $"mqtt.caFile '{broker.CaFile}' must hold the CA that signed the broker's certificate, issued to '{broker.Host}'");
        }

        var hint = embedded
            ? "the embedded broker runs inside the service: start it (`watchpost service status`), then run this again"
            : $"check that the broker runs, that {broker.Host} is its address and {broker.Port.ToString(CultureInfo.InvariantCulture)} its port ({(broker.UseTls ? "mqtts" : "mqtt")}), and that no firewall is in between";
        var what = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"nothing accepts connections on {broker.Host}:{broker.Port} (connection refused)",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"the host name '{broker.Host}' does not resolve",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{broker.Host} cannot be reached from this box (no route)",
            SocketError.TimedOut => $"{broker.Host}:{broker.Port} did not answer (timed out)",
            null when e is OperationCanceledException or MqttCommunicationTimedOutException => $"{broker.Host}:{broker.Port} did not answer within {timeout.TotalSeconds:0.#} s",
            _ => $"cannot connect to {broker}: {MqttBrokerEndpoint.Redact(e.Message, broker.Password)}",
        };
        return Failed(broker, embedded, topic, "unreachable", what, hint);
    }

    private static MqttTestResult Failed(MqttBrokerEndpoint broker, bool embedded, string topic, string failure, string error, string hint) =>
        new(false, broker.ToString(), embedded, broker.Username, topic, null, null, null, failure, MqttBrokerEndpoint.Redact(error, broker.Password), hint);

    // MQTTnet 5's exception carries the broker's reason only in its message.
    private static MqttClientConnectResultCode ResultCode(MqttConnectingFailedException e) =>
            Enum.GetValues<MqttClientConnectResultCode>().Where(c => c != MqttClientConnectResultCode.Success)
                .FirstOrDefault(c => e.Message.Contains(c.ToString(), StringComparison.Ordinal), MqttClientConnectResultCode.UnspecifiedError);

    private static T? Inner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static async Task WriteAsync(ParseResult parse, MqttTestResult result)
    {
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue<bool>("--json"))
        {
            CliJson.Write(output, result);
        }
        else
        {
            await output.WriteLineAsync($"Broker:      {result.Broker}{(result.Embedded ? " (the service's embedded broker)" : "")}{(result.Username is null ? "" : $" as {result.Username}")}");
            await output.WriteLineAsync($"Topic:       {result.Topic}");
            if (result.ConnectMs is { } connect)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Connected:   {connect:0.0} ms"));
            }

            if (result.RoundTripMs is { } trip)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Round trip:  {trip:0.00} ms (publish and receive, QoS 1)"));
            }

            if (result.ServiceAnswered is { } answered)
            {
                await output.WriteLineAsync($"Service:     {(answered ? "answered on " + result.Topic + "/result" : "did not answer on " + result.Topic + "/result (is it connected to its broker?)")}");
            }

            await output.WriteLineAsync(result.Ok ? "OK" : "FAILED");
        }

        if (!result.Ok)
        {
            var error = parse.InvocationConfiguration.Error;
            await error.WriteLineAsync($"watchpost mqtt test: {result.Failure?.Replace('_', ' ')}: {result.Error}");
            await error.WriteLineAsync($"hint: {result.Hint}");
        }
    }
}
