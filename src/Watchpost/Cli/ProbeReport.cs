using Watchpost.Ingest;

namespace Watchpost.Cli;

/// <summary>`camera probe --json` and `camera snapshot --json`: one object a script can test (snake_case, nulls left out).</summary>
internal sealed record ProbeReport(
    bool Ok, string? Camera, string Url, string? Transport, string? Codec, string? Profile, int? Width, int? Height, double? Fps,
    long? TimeToFirstFrameMs, string? Snapshot, string? Stream, string? Note, ProbeReportFailure? Failure)
{
    public static ProbeReport From(CameraProbeResult result, string? cameraId) => new(
        result.Ok, cameraId, result.Url, result.Url.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase) ? result.Transport : null,
        result.Codec, result.Profile, result.Width, result.Height, result.Fps,
        result.TimeToFirstFrame is { } first ? (long)Math.Round(first.TotalMilliseconds) : null,
        result.SnapshotPath, result.StreamDescription, result.Note,
        result.Failure is { } f ? new ProbeReportFailure(f.Kind, f.Title, f.Message, f.Hint, f.Detail) : null);
}

/// <summary>The <c>failure</c> member of <see cref="ProbeReport"/>.</summary>
internal sealed record ProbeReportFailure(ProbeFailureKind Kind, string Title, string Message, string Hint, string? Detail);
