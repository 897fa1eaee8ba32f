namespace Watchpost.Hosting;

/// <summary>
/// The camera supervisor beats while it is alive; the systemd watchdog only pings while the beats are fresh,
/// so a hung supervisor gets the service restarted.
/// </summary>
public sealed class PipelineHeartbeat(TimeProvider time)
{
    private long _lastBeatTicks = time.GetTimestamp();

    public void Beat() => Interlocked.Exchange(ref _lastBeatTicks, time.GetTimestamp());

    public TimeSpan SinceLastBeat => time.GetElapsedTime(Interlocked.Read(ref _lastBeatTicks));
}
