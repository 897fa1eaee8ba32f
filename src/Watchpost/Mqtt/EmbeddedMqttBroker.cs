using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Packets;
using MQTTnet.Server;
using Watchpost.Configuration;
using Watchpost.Mqtt.Broker;

namespace Watchpost.Mqtt;

/// <summary>
/// The MQTT broker inside the appliance (MQTTnet.Server), used when mqtt.broker is empty. It listens on
/// mqtt.embeddedListen:mqtt.embeddedPort only (no IPv6 wildcard on the side) and is never an open broker: it
/// knows the appliance's own account and the site's clients (mqtt.users, or one "controller"), with passwords
/// from the site file or generated once and kept in the storage folder (<see cref="MqttCredentialStore"/>), and
/// enforces their roles (<see cref="MqttAccessPolicy"/>). Sessions persist while the broker runs, so a client
/// that connects with a persistent session gets the QoS-1 messages published while it was away.
/// </summary>
public sealed class EmbeddedMqttBroker : IHostedService, IAsyncDisposable
{
    public const string DefaultUsername = MqttCredentialStore.DefaultApplianceUsername;

    /// <summary>QoS-1 messages kept per client (connected or away) before the oldest are dropped: about 10 MB of alerts.</summary>
    public const int MaxPendingMessagesPerClient = 10_000;

    private readonly ILogger<EmbeddedMqttBroker> _logger;
    private readonly MqttAccessPolicy _policy;
    private readonly ConcurrentDictionary<string, long> _refusals = new(StringComparer.Ordinal);
    private MqttServer? _server;

    /// <summary>Resolves the address, the port (a free one when mqtt.embeddedPort is 0) and the accounts (reading or creating the credentials file); starts nothing.</summary>
    public EmbeddedMqttBroker(WatchpostOptions options, ILogger<EmbeddedMqttBroker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        ListenAddress = ParseListenAddress(options.Mqtt.EmbeddedListen);
        Port = options.Mqtt.EmbeddedPort == 0 ? FindFreePort(ListenAddress) : options.Mqtt.EmbeddedPort;
        Credentials = new MqttCredentialStore(options.Storage.Path, logger).LoadOrCreate(options.Mqtt);
        _policy = new MqttAccessPolicy(options.Mqtt.TopicPrefix, options.Site.DeviceId);
    }

    public IPAddress ListenAddress { get; }

    /// <summary>The port the broker listens on (the actual one, also when configured as 0).</summary>
    public int Port { get; }

    /// <summary>Every account, with its password.</summary>
    public MqttCredentials Credentials { get; }

    /// <summary>The appliance's own user name.</summary>
    public string Username => Credentials.Appliance.Username;

    /// <summary>The appliance's own password.</summary>
    public string Password => Credentials.Appliance.Password!;

    /// <summary>True when mqtt.password is not set and the appliance's password was generated (once, then kept).</summary>
    public bool PasswordGenerated => Credentials.Appliance.Source == MqttPasswordSource.Generated;

    public bool IsRunning => _server?.IsStarted == true;

    /// <summary>
    /// A client other than the appliance subscribed to this topic filter (e.g. a controller came back): the outbox
    /// sender may retry the alerts that found no subscriber. Raised on the broker's thread; keep handlers short.
    /// </summary>
    public event EventHandler<string>? ClientSubscribed;

    /// <summary>How the appliance on this box reaches the broker (loopback when it listens on every address).</summary>
    public MqttBrokerEndpoint ClientEndpoint => EndpointFor(Credentials.Appliance);

    /// <summary>mqtt://user:pass@host:port of the appliance's own account.</summary>
    public string ConnectionUrl => ClientEndpoint.ToUrl(includeCredentials: true);

    /// <summary>mqtt://user:pass@host:port of the first controller (what <c>watchpost demo</c> prints), or null when the site has none.</summary>
    public string? ControllerUrl => Credentials.Users.FirstOrDefault(u => u.Role == MqttRole.Controller) is { } controller
        ? EndpointFor(controller).ToUrl(includeCredentials: true)
        : null;

    /// <summary>Where <paramref name="account"/> connects from this box.</summary>
    public MqttBrokerEndpoint EndpointFor(MqttAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var host = ListenAddress.Equals(IPAddress.Any) ? IPAddress.Loopback
            : ListenAddress.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : ListenAddress;
        return new MqttBrokerEndpoint(host.ToString(), Port, account.Username, account.Password);
    }

    /// <summary>The client ids connected now (empty when the broker is not running), e.g. for a health check or a test.</summary>
    public async Task<IReadOnlyList<string>> ConnectedClientIdsAsync()
    {
        if (_server is not { } server)
        {
            return [];
        }

        var clients = await server.GetClientsAsync();
        return [.. clients.Select(c => c.Id)];
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            return;
        }

        var factory = new MqttServerFactory();
        var builder = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(MaxPendingMessagesPerClient);
        // MQTTnet binds IPv4 and IPv6 wildcards unless told otherwise; IPAddress.None switches one family off.
        builder = ListenAddress.AddressFamily == AddressFamily.InterNetworkV6
            ? builder.WithDefaultEndpointBoundIPAddress(IPAddress.None).WithDefaultEndpointBoundIPV6Address(ListenAddress)
            : builder.WithDefaultEndpointBoundIPAddress(ListenAddress).WithDefaultEndpointBoundIPV6Address(IPAddress.None);

        var server = factory.CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        server.ClientSubscribedTopicAsync += OnClientSubscribedAsync;
        try
        {
            await server.StartAsync();
        }
        catch (SocketException ex)
        {
            Unhook(server);
            server.Dispose();
            throw new InvalidOperationException(
                $"The embedded MQTT broker cannot listen on {ListenAddress}:{Port} (mqtt.embeddedListen / mqtt.embeddedPort): {ex.Message}", ex);
        }

        _server = server;
        _logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port} for {Users}; `watchpost mqtt credentials` shows the passwords",
            ListenAddress, Port, string.Join(", ", Credentials.Users));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is null)
        {
            return;
        }

        try
        {
            await server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        }
        finally
        {
            Unhook(server);
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private void Unhook(MqttServer server)
    {
        server.ValidatingConnectionAsync -= ValidateConnectionAsync;
        server.InterceptingPublishAsync -= InterceptPublishAsync;
        server.InterceptingSubscriptionAsync -= InterceptSubscriptionAsync;
        server.ClientSubscribedTopicAsync -= OnClientSubscribedAsync;
    }

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (string.IsNullOrEmpty(args.ClientId))
        {
            // Before the credential check, so that a refused client hears why (and not "identifier rejected").
            AssignClientId(args);
        }

        var account = Credentials.Authenticate(args.UserName, args.RawPassword ?? []);
        if (account is null)
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            _logger.LogWarning("Embedded MQTT broker refused client {ClientId} from {Endpoint}: wrong user name or password", args.ClientId, args.RemoteEndPoint);
            return Task.CompletedTask;
        }

        // Refused before MQTTnet looks at the id, so that no client can take the appliance's session over.
        if (_policy.RefuseClientId(account, args.ClientId) is { } reason)
        {
            args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            args.ReasonString = reason;
            _logger.LogWarning("Embedded MQTT broker refused client {ClientId} of user {User} from {Endpoint}: {Reason}", args.ClientId, account.Username, args.RemoteEndPoint, reason);
        }

        return Task.CompletedTask;
    }

    private Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        var account = Credentials.Find(args.UserName);
        var reason = account is null ? "unknown user" : _policy.RefusePublish(account, message.Topic, message.Retain);
        if (reason is not null)
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            args.Response.ReasonString = reason;
            LogRefusal("publish to", args.ClientId, args.UserName, message.Topic, reason);
        }

        return Task.CompletedTask;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        var account = Credentials.Find(args.UserName);
        var reason = account is null ? "unknown user" : _policy.RefuseSubscribe(account, filter);
        if (reason is not null)
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            args.ReasonString = reason;
            LogRefusal("subscribe to", args.ClientId, args.UserName, filter, reason);
        }

        return Task.CompletedTask;
    }

    private Task OnClientSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        if (ClientSubscribed is { } handlers && Credentials.Find(args.UserName)?.Role != MqttRole.Appliance)
        {
            try
            {
                handlers(this, args.TopicFilter.Topic);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A ClientSubscribed handler of the embedded MQTT broker failed");
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Logs a refusal (never the payload): the first of each user and then every 100th, so that a client stuck in a loop cannot flood the log.</summary>
    private void LogRefusal(string what, string clientId, string? username, string topic, string reason)
    {
        var count = _refusals.AddOrUpdate(username ?? "", 1, (_, n) => n + 1);
        if (count == 1 || count % 100 == 0)
        {
            _logger.LogWarning("Embedded MQTT broker refused {What} {Topic} by client {ClientId} of user {User}: {Reason} ({Count} refusal(s) for this user)",
                what, topic, clientId, username, reason, count);
        }
    }

    /// <summary>
    /// MQTT lets a clean-session client leave its id empty for the broker to assign one, and mosquitto_sub and
    /// mosquitto_pub do so. MQTTnet 5 assigns ids only to MQTT 5 clients and refuses MQTT 3.1.1 ones, so the id
    /// is written into the CONNECT packet, which the event arguments keep in a private field.
    /// </summary>
    private void AssignClientId(ValidatingConnectionEventArgs args)
    {
        var id = "auto-" + Guid.NewGuid().ToString("N")[..12];
        args.AssignedClientIdentifier = id;
        if (ConnectPacketField?.GetValue(args) is MqttConnectPacket packet)
        {
            packet.ClientId = id;
        }
        else
        {
            _logger.LogWarning("Embedded MQTT broker cannot assign an id to the client from {Endpoint} that sent none; it must send a client id", args.RemoteEndPoint);
        }
    }

    private static readonly System.Reflection.FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    private static IPAddress ParseListenAddress(string listen)
    {
        if (string.Equals(listen, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(listen, out var address)
            ? address
            : throw new FormatException($"mqtt.embeddedListen '{listen}' is not an IP address (expected e.g. 127.0.0.1, 0.0.0.0 or ::1).");
    }

    /// <summary>Asks the OS for a free port on the address (the broker binds it right after; MQTTnet cannot report a port 0 binding).</summary>
    private static int FindFreePort(IPAddress address)
    {
        var probe = new TcpListener(address, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }
}
