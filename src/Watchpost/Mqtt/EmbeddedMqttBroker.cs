using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Packets;
using MQTTnet.Server;
using Watchpost.Configuration;

namespace Watchpost.Mqtt;

/// <summary>
/// The MQTT broker inside the appliance (MQTTnet.Server), used when mqtt.broker is empty. It listens on
/// mqtt.embeddedListen:mqtt.embeddedPort only (no IPv6 wildcard on the side) and accepts one user: mqtt.username /
/// mqtt.password, or "watchpost" with a random password generated at start-up, so it is never an open broker.
/// </summary>
public sealed class EmbeddedMqttBroker : IHostedService, IAsyncDisposable
{
    public const string DefaultUsername = "watchpost";

    private readonly ILogger<EmbeddedMqttBroker> _logger;
    private readonly byte[] _usernameBytes;
    private readonly byte[] _passwordBytes;
    private MqttServer? _server;

    /// <summary>Resolves the address, the port (a free one when mqtt.embeddedPort is 0) and the credentials; starts nothing.</summary>
    public EmbeddedMqttBroker(MqttOptions options, ILogger<EmbeddedMqttBroker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        ListenAddress = ParseListenAddress(options.EmbeddedListen);
        Port = options.EmbeddedPort == 0 ? FindFreePort(ListenAddress) : options.EmbeddedPort;
        Username = string.IsNullOrEmpty(options.Username) ? DefaultUsername : options.Username;
        PasswordGenerated = string.IsNullOrEmpty(options.Password);
        Password = PasswordGenerated
            ? RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24)
            : options.Password!;
        _usernameBytes = Encoding.UTF8.GetBytes(Username);
        _passwordBytes = Encoding.UTF8.GetBytes(Password);
    }

    public IPAddress ListenAddress { get; }

    /// <summary>The port the broker listens on (the actual one, also when configured as 0).</summary>
    public int Port { get; }

    public string Username { get; }

    public string Password { get; }

    /// <summary>True when no password was configured and <see cref="Password"/> was generated for this run.</summary>
    public bool PasswordGenerated { get; }

    public bool IsRunning => _server?.IsStarted == true;

    /// <summary>How a client on this box reaches the broker (loopback when it listens on every address).</summary>
    public MqttBrokerEndpoint ClientEndpoint
    {
        get
        {
            var host = ListenAddress.Equals(IPAddress.Any) ? IPAddress.Loopback
                : ListenAddress.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
                : ListenAddress;
            return new MqttBrokerEndpoint(host.ToString(), Port, Username, Password);
        }
    }

    /// <summary>mqtt://user:pass@host:port, e.g. for <c>watchpost demo</c> to print.</summary>
    public string ConnectionUrl => ClientEndpoint.ToUrl(includeCredentials: true);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            return;
        }

        var factory = new MqttServerFactory();
        var builder = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(Port);
        // MQTTnet binds IPv4 and IPv6 wildcards unless told otherwise; IPAddress.None switches one family off.
        builder = ListenAddress.AddressFamily == AddressFamily.InterNetworkV6
            ? builder.WithDefaultEndpointBoundIPAddress(IPAddress.None).WithDefaultEndpointBoundIPV6Address(ListenAddress)
            : builder.WithDefaultEndpointBoundIPAddress(ListenAddress).WithDefaultEndpointBoundIPV6Address(IPAddress.None);

        var server = factory.CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        try
        {
            await server.StartAsync();
        }
        catch (SocketException ex)
        {
            server.Dispose();
            throw new InvalidOperationException(
                $"The embedded MQTT broker cannot listen on {ListenAddress}:{Port} (mqtt.embeddedListen / mqtt.embeddedPort): {ex.Message}", ex);
        }

        _server = server;
        _logger.LogInformation("Embedded MQTT broker listening on {Address}:{Port} (user {User}{Generated})",
            ListenAddress, Port, Username, PasswordGenerated ? ", generated password" : "");
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
            server.ValidatingConnectionAsync -= ValidateConnectionAsync;
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (string.IsNullOrEmpty(args.ClientId))
        {
            // Before the credential check, so that a refused client hears why (and not "identifier rejected").
            AssignClientId(args);
        }

        var userOk = args.UserName is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(args.UserName), _usernameBytes);
        var passwordOk = args.RawPassword is not null && CryptographicOperations.FixedTimeEquals(args.RawPassword, _passwordBytes);
        if (!userOk || !passwordOk)
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            _logger.LogWarning("Embedded MQTT broker refused client {ClientId} from {Endpoint}: wrong user name or password", args.ClientId, args.RemoteEndPoint);
        }

        return Task.CompletedTask;
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
