using System.Text;
using Microsoft.Extensions.Configuration;
using Watchpost.Configuration;

namespace Watchpost.Tests.Gpio;

/// <summary>Site files with a gpio section, read through the real loader; the lines are the Jetson Orin Nano map's.</summary>
internal static class GpioSite
{
    /// <summary>Header pin 7 (GPIO09): the lobby door contact, active low.</summary>
    public const int DoorLine = 144;

    /// <summary>Header pin 29 (GPIO01): the panic button, active high, no debounce.</summary>
    public const int PanicLine = 105;

    /// <summary>Header pin 12: the siren relay, active high.</summary>
    public const int SirenLine = 50;

    /// <summary>Header pin 31: the door release relay, active low, at most 5 s.</summary>
    public const int ReleaseLine = 106;

    public const string Gpio = """
        {
          "board": "jetson-orin-nano",
          "inputs": [
            { "name": "lobby-door", "pin": 7, "kind": "door", "activeLow": true, "debounceMs": 50, "severity": "high", "camera": "gate-1" },
            { "name": "panic", "pin": "GPIO01", "kind": "panic", "activeLow": false, "debounceMs": 0, "severity": "critical" }
          ],
          "outputs": [
            { "name": "siren", "pin": 12, "activeLow": false, "maxSeconds": 300,
              "onRules": [ { "rule": "night-intrusion", "seconds": 10 }, { "rule": "gpio:panic", "seconds": 30 } ] },
            { "name": "door-release", "pin": 31, "activeLow": true, "maxSeconds": 5 }
          ]
        }
        """;

    public static string Json(string gpio = Gpio) => $$"""
        {
          "site": { "deviceId": "gate-north-01" },
          "cameras": [ { "id": "gate-1", "url": "rtsp://10.0.0.21:554/stream2" } ],
          "zones": [ { "id": "lobby", "camera": "gate-1", "polygon": [[0,0],[100,0],[100,100]] } ],
          "rules": [ { "id": "night-intrusion", "type": "intrusion", "zone": "lobby" } ],
          "gpio": {{gpio}}
        }
        """;

    public static WatchpostOptions Load(string gpio = Gpio)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Json(gpio)));
        return WatchpostOptionsLoader.Bind(new ConfigurationBuilder().AddJsonStream(stream).Build(), "test site");
    }
}
