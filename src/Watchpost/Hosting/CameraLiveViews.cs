using System.Collections.Concurrent;

namespace Watchpost.Hosting;

/// <summary>The live view of each camera (<see cref="LiveViewRenderer"/>), kept across the camera's restarts so that a viewer stays connected.</summary>
public sealed class CameraLiveViews
{
    private readonly ConcurrentDictionary<string, LiveViewRenderer> _views = new(StringComparer.Ordinal);

    /// <summary>The camera's live view (made on first use).</summary>
    public LiveViewRenderer For(string cameraId) => _views.GetOrAdd(cameraId, _ => new LiveViewRenderer());
}
