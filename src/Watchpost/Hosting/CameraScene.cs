using Watchpost.Configuration;

namespace Watchpost.Hosting;

/// <summary>
/// What the pictures of one camera show besides the frame: its zones and lines (drawn on the live view) and its
/// privacy masks (blurred in everything that leaves the pipeline as an image). A reload replaces it in the running
/// pipeline (<see cref="CameraPipeline.ReplaceScene"/>) without restarting the camera.
/// </summary>
public sealed class CameraScene
{
    private CameraScene(IReadOnlyList<ZoneOptions> zones, IReadOnlyList<LineOptions> lines, PrivacyMask masks)
    {
        Zones = zones;
        Lines = lines;
        Masks = masks;
    }

    public static CameraScene Empty { get; } = new([], [], PrivacyMask.None);

    public IReadOnlyList<ZoneOptions> Zones { get; }

    public IReadOnlyList<LineOptions> Lines { get; }

    public PrivacyMask Masks { get; }

    public static CameraScene For(WatchpostOptions site, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new CameraScene(
            [.. site.Zones.Where(z => z.Camera == cameraId)], [.. site.Lines.Where(l => l.Camera == cameraId)], PrivacyMask.For(site, cameraId));
    }
}
