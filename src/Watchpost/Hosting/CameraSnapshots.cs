using System.Collections.Concurrent;

namespace Watchpost.Hosting;

/// <summary>
/// The current frame of each camera as JPEG, for the console's <c>/api/cameras/{id}/snapshot.jpg</c> (which the
/// `snapshot` command's reply links to): each pipeline gets its camera's <see cref="FrameTap"/>, kept across restarts.
/// </summary>
public sealed class CameraSnapshots
{
    private readonly ConcurrentDictionary<string, FrameTap> _taps = new(StringComparer.Ordinal);

    /// <summary>The camera's tap (made on first use).</summary>
    public FrameTap For(string cameraId) => _taps.GetOrAdd(cameraId, _ => new FrameTap());

    /// <summary>The camera's next frame as JPEG, or null when none came within <paramref name="timeout"/> (the camera is offline).</summary>
    public async Task<byte[]?> CaptureAsync(string cameraId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            return await For(cameraId).NextJpegAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
