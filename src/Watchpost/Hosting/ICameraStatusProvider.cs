namespace Watchpost.Hosting;

/// <summary>The cameras' status (state, counters, zone occupancy), for the MQTT state topics and the console.</summary>
public interface ICameraStatusProvider
{
    IReadOnlyList<CameraStatus> Status();
}
