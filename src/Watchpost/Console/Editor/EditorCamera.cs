using Watchpost.Hosting;

namespace Watchpost.WebConsole.Editor;

/// <summary>GET /api/site/cameras/{id}: a camera's layout, and whether it can be saved (not without a site file).</summary>
internal sealed record EditorCamera(string Camera, IReadOnlyList<LayoutArea> Zones, IReadOnlyList<LayoutLine> Lines, IReadOnlyList<LayoutArea> Masks, IReadOnlyList<LayoutRule> Rules, bool Editable, string? Reason)
{
    public static EditorCamera From(CameraLayout layout, string? notEditable) =>
        new(layout.Camera, layout.Zones, layout.Lines, layout.Masks, layout.Rules, notEditable is null, notEditable);
}
