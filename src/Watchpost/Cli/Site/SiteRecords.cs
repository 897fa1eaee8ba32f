using System.Text.Json.Nodes;

namespace Watchpost.Cli.Site;

/// <summary>A camera as `camera list|show --json` print it (the URL's password masked).</summary>
internal sealed record CameraView(string Id, string? Name, string Url, string Transport, double DetectFps, bool Enabled, IReadOnlyList<string> Zones, IReadOnlyList<string> Lines, IReadOnlyList<string> Masks, IReadOnlyList<string> Rules);

/// <summary>A zone or privacy mask: its camera and polygon in the camera's pixels.</summary>
internal sealed record AreaView(string Id, string Camera, IReadOnlyList<float[]> Polygon, IReadOnlyList<string> Rules);

/// <summary>A line from one end to the other, in the camera's pixels.</summary>
internal sealed record LineView(string Id, string Camera, float[] From, float[] To, IReadOnlyList<string> Rules);

/// <summary>A rule: where it runs and what it reads; <see cref="Parameters"/> holds every parameter as the site file spells it.</summary>
internal sealed record RuleView(string Id, string Type, string? Camera, bool Enabled, string Severity, string Schedule, IReadOnlyList<string> Classes, JsonObject Parameters);

/// <summary>What `camera show --json` prints.</summary>
internal sealed record CameraDetail(CameraView Camera, IReadOnlyList<AreaView> Zones, IReadOnlyList<LineView> Lines, IReadOnlyList<AreaView> Masks, IReadOnlyList<RuleView> Rules);
