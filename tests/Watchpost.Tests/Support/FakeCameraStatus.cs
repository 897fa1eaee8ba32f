using Watchpost.Behaviours;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Ingest;

namespace Watchpost.Tests.Support;

/// <summary>One streaming camera "gate-1" at 10 frames/s whose zone "lobby" a test can fill.</summary>
internal sealed class FakeCameraStatus : ICameraStatusProvider
{
    private readonly DateTime _start = DateTime.UtcNow;
    private volatile IReadOnlyList<ZoneCount> _zones = [new ZoneCount("lobby", 0, new Dictionary<string, int>(), TimeSpan.Zero)];

    public void Occupy(string zone, string className, int count) =>
        _zones = [new ZoneCount(zone, count, new Dictionary<string, int> { [className] = count }, TimeSpan.FromSeconds(1))];

    public IReadOnlyList<CameraStatus> Status()
    {
        var frames = (long)((DateTime.UtcNow - _start).TotalSeconds * 10);
        return [new CameraStatus("gate-1", "Gate", CameraState.Streaming, null, frames, frames / 2, 0, 0, 1, _zones)];
    }
}
