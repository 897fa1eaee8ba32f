using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Mqtt;
using Watchpost.Mqtt.Broker;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost mqtt credentials [--config FILE] [--json]</c>: the embedded broker's address and its clients'
/// accounts with their passwords, the one place they are shown. It reads the credentials file through the same
/// <see cref="MqttCredentialStore"/> the service uses and writes nothing, so it may run while the service does.
/// </summary>
public static class MqttCommand
{
    public static Command Create()
    {
        var command = new Command("mqtt", "The MQTT side of the appliance");
        command.Add(Credentials());
        command.Add(MqttTestCommand.Create());
        return command;
    }

    private static Command Credentials()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("credentials", "Show the embedded broker's address and each client's user name, role and password") { config, json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = WatchpostOptionsLoader.Load(parse.GetRequiredValue(config));
            if (!string.IsNullOrWhiteSpace(options.Mqtt.Broker))
            {
                error.WriteLine("watchpost: mqtt.broker is set: credentials are those of your broker");
                return ExitCodes.BadInput;
            }

            MqttCredentials credentials;
            using (var logs = Logging.CreateFactory())
            {
                try
                {
                    credentials = new MqttCredentialStore(options.Storage.Path, logs.CreateLogger<MqttCredentialStore>()).Read(options.Mqtt);
                }
                catch (MqttCredentialsException e)
                {
                    error.WriteLine($"watchpost: {e.Message}");
                    return ExitCodes.BadInput;
                }
            }

            var broker = BrokerUrl(options);
            var topics = $"{options.Mqtt.TopicPrefix}/{options.Site.DeviceId}/#";
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new CredentialsView(broker.ToUrl(includeCredentials: false), topics, credentials.FilePath,
                    [.. credentials.Users.Select(u => new AccountView(u.Username, u.RoleName, u.Password, Source(u.Source),
                        u.Password is null ? null : (broker with { Username = u.Username, Password = u.Password }).ToUrl(includeCredentials: true)))]),
                    MqttCliJsonContext.Default.CredentialsView));
            }
            else
            {
                output.WriteLine($"Broker:   {broker.ToUrl(includeCredentials: false)}{(options.Mqtt.EmbeddedPort == 0 ? "  (mqtt.embeddedPort is 0: a free port is chosen at each start; set one)" : "")}");
                output.WriteLine($"Topics:   {topics}");
                output.WriteLine($"Kept in:  {credentials.FilePath}");
                output.WriteLine("");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"USER",-20} {"ROLE",-11} PASSWORD"));
                foreach (var user in credentials.Users)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{user.Username,-20} {user.RoleName,-11} {user.Password ?? "(not generated yet: start the service once, then run this again)"}"));
                }
            }

            return credentials.Complete ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    /// <summary>How a client reaches the broker: the console's public host when it listens on every address, else the listen address.</summary>
    private static MqttBrokerEndpoint BrokerUrl(WatchpostOptions options)
    {
        var listen = options.Mqtt.EmbeddedListen;
        var host = string.Equals(listen, "localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : listen;
        if (IPAddress.TryParse(listen, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            host = Uri.TryCreate(options.Console.PublicUrl, UriKind.Absolute, out var publicUrl) ? publicUrl.Host.Trim('[', ']')
                : address.Equals(IPAddress.Any) ? "127.0.0.1" : "::1";
        }

        return new MqttBrokerEndpoint(host, options.Mqtt.EmbeddedPort, null, null);
    }

    private static string Source(MqttPasswordSource source) => source switch
    {
        MqttPasswordSource.SiteFile => "site_file",
        MqttPasswordSource.Generated => "generated",
        _ => "not_generated_yet",
    };
}
