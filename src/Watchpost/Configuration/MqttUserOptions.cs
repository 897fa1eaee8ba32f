using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>One client account of the embedded broker.</summary>
public sealed class MqttUserOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "mqtt.users[].username must be 1 to 64 letters, digits, '_', '.' or '-'")]
    public string Username { get; set; } = "";

    /// <summary>The password; null = generated once and kept (mode 0600) in the storage folder, shown by `watchpost mqtt credentials`.</summary>
    public string? Password { get; set; }

    /// <summary>controller: subscribes to everything and publishes commands; viewer: subscribes only.</summary>
    [Required, RegularExpression("^(controller|viewer)$", ErrorMessage = "mqtt.users[].role must be 'controller' or 'viewer'")]
    public string Role { get; set; } = "viewer";
}
