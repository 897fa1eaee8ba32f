using Watchpost.Tracking;

namespace Watchpost.Tests.Behaviours;

/// <summary>Crafted scenes for the object rules: tracks per frame at 10 fps, written as a function of stream time.</summary>
internal static class ObjectScenes
{
    public const double Fps = 10;

    public static readonly string[] DetectorClasses = ["person", "backpack", "handbag", "suitcase", "bicycle", "motorcycle", "car"];

    public static (double, Track[])[] Frames(double seconds, Func<double, IEnumerable<Track>> scene, double from = 0)
    {
        var frames = new List<(double, Track[])>();
        for (var i = (int)Math.Round(from * Fps); i <= seconds * Fps; i++)
        {
            var t = i / Fps;
            frames.Add((t, [.. scene(t)]));
        }

        return [.. frames];
    }

    /// <summary>A person (id 1) walks in carrying a backpack (id 10) from x = 100, sets it down at (200, 200) at 2 s, and walks on at 60 px/s from 3 s.</summary>
    public static IEnumerable<Track> SetDown(double t, double walkOffAt = 3, double? backAt = null)
    {
        var personX = t < 2 ? 100 + 50 * t : t < walkOffAt ? 210 : 210 + 60 * (t - walkOffAt);
        if (backAt is { } back && t >= back)
        {
            personX = 215;
        }

        yield return RuleHarness.At((float)personX, 200, id: 1);
        var bagX = t < 2 ? personX - 5 : 200;
        yield return RuleHarness.Object("backpack", (float)bagX, t < 2 ? 185 : 200, id: 10);
    }
}
