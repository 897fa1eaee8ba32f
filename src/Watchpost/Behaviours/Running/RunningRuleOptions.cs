using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.Running;

public sealed class RunningRuleOptions : RuleOptions
{
    public override string Type => "running";

    /// <summary>Threshold on the smoothed ground-point speed in image pixels a second (give this or <see cref="SpeedMetersPerSecond"/>).</summary>
    [Range(1, 100000, ErrorMessage = "speedPxPerSecond must be between 1 and 100000")]
    public double? SpeedPxPerSecond { get; set; }

    /// <summary>Threshold in metres a second on the ground; needs <see cref="Calibration"/>. Walking is 1-1.5 m/s, running 3 m/s and more.</summary>
    [Range(0.1, 100, ErrorMessage = "speedMetersPerSecond must be between 0.1 and 100")]
    public double? SpeedMetersPerSecond { get; set; }

    /// <summary>How long the speed must stay above the threshold (a tracker glitch lasts at most the 0.5 s smoothing window).</summary>
    [Range(0, 60)]
    public double DurationSeconds { get; set; } = 1;

    /// <summary>Only objects whose ground point is in this zone count; none = the whole frame.</summary>
    public string? Zone { get; set; }

    /// <summary>Ground points for <see cref="SpeedMetersPerSecond"/>.</summary>
    public GroundCalibrationOptions? Calibration { get; set; }

    public override IEnumerable<(string Field, string Id)> ZoneReferences => string.IsNullOrEmpty(Zone) ? [] : [("zone", Zone)];

    public override void Validate(WatchpostOptions site, RuleErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (SpeedPxPerSecond is null == SpeedMetersPerSecond is null)
        {
            errors.Add("speedPxPerSecond", SpeedPxPerSecond is null
                ? "give the speed threshold: exactly one of speedPxPerSecond and speedMetersPerSecond (the latter with a calibration)"
                : "speedPxPerSecond and speedMetersPerSecond are both given: keep exactly one of them");
        }

        if (SpeedMetersPerSecond is not null && Calibration is null)
        {
            errors.Add("calibration", "speedMetersPerSecond needs a calibration: {\"image\": [[x,y] x4], \"ground\": [[x_m,y_m] x4]}, or give speedPxPerSecond instead");
        }
        else if (SpeedMetersPerSecond is null && Calibration is not null)
        {
            errors.Add("calibration", "a calibration is only used with speedMetersPerSecond: give that instead of speedPxPerSecond, or remove the calibration");
        }

        if (Calibration is { } calibration)
        {
            var pointsOk = Points(calibration.Image, "calibration.image", "pixels", errors) & Points(calibration.Ground, "calibration.ground", "metres", errors);
            if (pointsOk && GroundHomography.From(calibration.Image, calibration.Ground) is null)
            {
                errors.Add("calibration", "the four image points cannot be mapped onto the four ground points; check that both lists name the same points in the same order");
            }
        }
    }

    private static bool Points(List<float[]> points, string field, string unit, RuleErrors errors)
    {
        if (points.Count != 4 || points.Any(p => p.Length != 2))
        {
            errors.Add(field, $"needs exactly 4 points [x, y] in {unit}, got {points.Count}{(points.Any(p => p.Length != 2) ? " (each point is two numbers)" : "")}");
            return false;
        }

        if (GroundHomography.CollinearTriple(points) is { } triple)
        {
            errors.Add(field, $"{triple} lie on one line (or coincide): pick four points around the area, no three in a row");
            return false;
        }

        return true;
    }
}
