using System.Text.Json;
using System.Text.Json.Serialization;

namespace Watchpost.Evaluation;

/// <summary>The headline figures of a MOT evaluation; its JSON has the seven keys below, and the motion gate's four when it was on.</summary>
/// <param name="Motp">Mean IoU of the matched pairs (not py-motmetrics' distance 1 - IoU).</param>
/// <param name="Fps">Frames processed per wall-clock second of detection plus tracking (decoding excluded).</param>
public sealed record MotResult(
    [property: JsonPropertyName("mota")] double Mota,
    [property: JsonPropertyName("motp")] double Motp,
    [property: JsonPropertyName("idf1")] double Idf1,
    [property: JsonPropertyName("id_switches")] int IdSwitches,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("fps")] double Fps)
{
    /// <summary>The counts behind the scores, for a detailed report; not part of the JSON.</summary>
    [JsonIgnore]
    public MotMetricsReport? Details { get; init; }

    /// <summary>Frames the motion gate kept from the detector (null: no gate).</summary>
    [JsonPropertyName("frames_gated"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? FramesGated { get; init; }

    /// <summary>Share of the frames gated out.</summary>
    [JsonPropertyName("gated_share"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GatedShare { get; init; }

    /// <summary>The gate's own cost (motion detection and decision), milliseconds of wall-clock time per frame.</summary>
    [JsonPropertyName("gate_ms_per_frame"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GateMsPerFrame { get; init; }

    /// <summary>The gate's CPU time per frame, milliseconds (process CPU while it runs; unlike wall time, not inflated by a busy machine).</summary>
    [JsonPropertyName("gate_cpu_ms_per_frame"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GateCpuMsPerFrame { get; init; }

    public static MotResult From(MotMetricsReport report, double fps)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new MotResult(report.Mota, report.Motp, report.Idf1, report.IdSwitches, report.Precision, report.Recall, fps)
        {
            Details = report,
        };
    }

    public string ToJson(bool indented = false) =>
        JsonSerializer.Serialize(this, indented ? MotResultJsonContext.Indented.MotResult : MotResultJsonContext.Default.MotResult);
}
