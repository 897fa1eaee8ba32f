using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Watchpost.Mqtt;
using Watchpost.Mqtt.Broker;

namespace Watchpost.Cli.Doctor;

/// <summary>
/// The broker accepts the configured credentials: the site's broker (mqtt.broker) with the service's own client
/// options, or the embedded broker, which only listens while the service runs, with the credentials store's
/// controller account. Connects under its own client id and without the last will (<see cref="MqttConnection.ProbeAsync"/>),
/// so a running service is not disturbed. No password is ever in the result.
/// </summary>
internal sealed class MqttCheck : IDoctorCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Name => "mqtt";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var mqtt = context.Options.Mqtt;
        var settings = context.Services.Get<MqttConnectionSettings>();   // the service's own, from its registrations
        if (!string.IsNullOrWhiteSpace(mqtt.Broker))
        {
            var endpoint = context.Services.Get<MqttBrokerEndpoint>();
            // The service's endpoint and connection settings from its registrations; the connection is only probed, never started.
            await using var connection = new MqttConnection(endpoint, settings, context.Logs.CreateLogger<MqttConnection>());
            var who = endpoint.Username is null ? "anonymously" : $"as {endpoint.Username}";
            var problem = await ProbeAsync(connection, cancellationToken);
            return problem is null
                ? DoctorResult.Pass(Name, $"{endpoint} accepts the connection {who}")
                : DoctorResult.Fail(Name, $"{endpoint} ({who}): {problem}", Hint(problem, $"mqtt.broker, mqtt.username and mqtt.password in {context.SiteFile}"));
        }

        if (mqtt.EmbeddedPort == 0)
        {
            return DoctorResult.Skip(Name, "embedded broker on a port chosen at each start (mqtt.embeddedPort is 0): doctor cannot know it",
                $"set mqtt.embeddedPort (e.g. 1883) in {context.SiteFile}");
        }

        MqttCredentials credentials;
        try
        {
            credentials = new MqttCredentialStore(context.Options.Storage.Path, context.Logs.CreateLogger<MqttCredentialStore>()).Read(mqtt);
        }
        catch (MqttCredentialsException e)
        {
            return DoctorResult.Fail(Name, e.Message, "run doctor as root or the watchpost user; or see watchpost mqtt credentials");
        }

        var account = credentials.Users.FirstOrDefault(u => u.Role == MqttRole.Controller && u.Password is not null)
                      ?? (credentials.Appliance.Password is not null ? credentials.Appliance : null);
        var host = EmbeddedHost(mqtt.EmbeddedListen);
        var address = $"mqtt://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{mqtt.EmbeddedPort}";
        if (!await ListensAsync(host, mqtt.EmbeddedPort, cancellationToken))
        {
            var active = await SystemdState.QueryAsync(cancellationToken) is { Active: "active" };
            var detail = $"the embedded broker does not listen on {address}: it runs inside the service, and the service is {(active ? "active but not listening there" : "not running")}";
            return active
                ? DoctorResult.Fail(Name, detail, "journalctl -u watchpost -n 50 --no-pager (look for the MQTT broker's start)")
                : DoctorResult.Skip(Name, detail, $"{SystemdState.StartHint(context.SiteFile)}, then run doctor again");
        }

        if (account is null)
        {
            return DoctorResult.Warn(Name, $"{address} listens, but no account has a password yet (they are generated at the first start)", "watchpost mqtt credentials");
        }

        await using var embedded = new MqttConnection(new MqttBrokerEndpoint(host, mqtt.EmbeddedPort, account.Username, account.Password), settings,
            context.Logs.CreateLogger<MqttConnection>());
        var refused = await ProbeAsync(embedded, cancellationToken);
        return refused is null
            ? DoctorResult.Pass(Name, $"embedded broker {address} accepts {account.Username} ({account.RoleName})")
            : DoctorResult.Fail(Name, $"embedded broker {address} ({account.Username}): {refused}", Hint(refused, $"{credentials.FilePath} (see watchpost mqtt credentials)"));
    }

    private static async Task<string?> ProbeAsync(MqttConnection connection, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        return await connection.ProbeAsync($"watchpost-doctor-{Guid.NewGuid():N}"[..32], limit.Token);
    }

    private static string Hint(string problem, string where) =>
        problem.Contains("BadUserNameOrPassword", StringComparison.Ordinal) || problem.Contains("NotAuthorized", StringComparison.Ordinal)
            ? $"the broker refuses the user name or password: correct them in {where}, then: watchpost mqtt test"
            : $"check that the broker runs and that this machine reaches it (firewall, address, port, TLS): {where}";

    private static string EmbeddedHost(string listen) =>
        string.Equals(listen, "localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1"
        : IPAddress.TryParse(listen, out var address) && address.Equals(IPAddress.Any) ? "127.0.0.1"
        : IPAddress.TryParse(listen, out address) && address.Equals(IPAddress.IPv6Any) ? "::1"
        : listen;

    private static async Task<bool> ListensAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(host, port, limit.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
