using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Watchpost.Configuration;

public sealed class MqttOptions
{
    /// <summary>mqtt://host:port of the site's broker; null or empty = run the embedded broker.</summary>
    public string? Broker { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required, RegularExpression("^[^#+]+$", ErrorMessage = "mqtt.topicPrefix must not contain MQTT wildcards")]
    public string TopicPrefix { get; set; } = "watchpost";

    /// <summary>Port of the embedded broker (0 = any free port).</summary>
    [Range(0, 65535)]
    public int EmbeddedPort { get; set; } = 1883;

    /// <summary>Address the embedded broker listens on.</summary>
    public string EmbeddedListen { get; set; } = "127.0.0.1";

    /// <summary>PEM file of the CA that signed an mqtts:// broker's certificate; null = the system's trusted CAs.</summary>
    public string? CaFile { get; set; }

    /// <summary>Clients of the embedded broker (building controllers, viewers); their passwords come from the site file or are generated once.</summary>
    [ValidateEnumeratedItems]
    public List<MqttUserOptions> Users { get; set; } = [];
}
