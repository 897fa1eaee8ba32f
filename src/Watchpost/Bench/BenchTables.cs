using System.Globalization;
using System.Text;
using Watchpost.Cli;

namespace Watchpost.Bench;

/// <summary>The readable forms of a <see cref="BenchReport"/>: a per-camera table with the totals, and the peers as markdown.</summary>
public static class BenchTables
{
    public static void Write(BenchReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var cameras = new TextTable("camera", "in", "detected", "dropped", "detect/s", "expected", "shortfall", "decode cores");
        foreach (var c in report.PerCamera)
        {
            cameras.Add(c.Id, c.FramesIn, c.FramesProcessed, c.FramesDropped, c.DetectPerSecond, c.Expected, c.Shortfall, c.DecodeCpuCores);
        }

        cameras.Write(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.DetectionsPerSecond} detections/s; shortfall worst {report.ShortfallWorst:P1}, total {report.ShortfallTotal:P1}; fairness {report.Fairness}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU cores: watchpost {report.ProcessCpuCores}, decode {report.DecodeCpuCores}, RTSP server {(report.RtspServerCpuCores?.ToString(CultureInfo.InvariantCulture) ?? "-")}; RSS {report.RssAtEndMb} MB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio to ceiling {report.RatioToCeiling} ({report.Ceiling.BestPerSecond}/s), ratio to physical {(report.RatioToPhysical?.ToString(CultureInfo.InvariantCulture) ?? "-")} ({(report.Physical?.PerSecond.ToString(CultureInfo.InvariantCulture) ?? "-")}/s)"));
        if (report.WalkIns is { } w)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"walk-ins: {w.WalkIns}, detected {w.Detected}, missed (> 1 s) {w.MissedOver1S}; delay p50 {w.WalkInDetectSP50} s, max {w.WalkInDetectSMax} s"));
        }

        if (report.Peers is { Count: > 0 })
        {
            output.Write(PeersMarkdown(report));
        }
    }

    /// <summary>The peers table as docs/performance.md shows it.</summary>
    public static string PeersMarkdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("| design | cameras at 5 detect-fps (< 1 % shortfall) | detections/s | ms per detection | CPU-ms per detection | CPU cores | RSS MB |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var p in report.Peers ?? [])
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Name}: {p.Design} | {p.CamerasAt5Fps} | {p.DetectionsPerSecond} | {p.MsPerDetection} | {p.CpuMsPerDetection} | {p.CpuCores} | {p.RssMb} |"));
        }

        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Cameras at 5 detect-fps: cores × 0.99 ÷ (5 × CPU-s per detection, decode included); {report.Ceiling.Cores} cores, load average {report.LoadAverage1m} at the end."));
        return text.ToString();
    }
}
