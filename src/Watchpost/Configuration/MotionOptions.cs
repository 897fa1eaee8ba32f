using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>
/// A camera's motion gate: the detector runs on a frame only when something moved, a tracked object still needs
/// following, or <see cref="RecheckSeconds"/> have passed since it last ran, so an empty scene costs little more
/// than its decode. Off unless enabled.
/// </summary>
public sealed class MotionOptions
{
    public bool Enabled { get; set; }

    /// <summary>Grey-level difference (0-255) from the background that counts a pixel as changed.</summary>
    [Range(1, 254, ErrorMessage = "must be a grey-level difference from 1 to 254")]
    public int Threshold { get; set; } = 25;

    /// <summary>Smallest changed area, in square pixels of the camera's frame, that counts as motion, measured on the small blurred frame (a distant 15 x 35 px person changes about 500).</summary>
    [Range(1, 10_000_000, ErrorMessage = "must be from 1 to 10000000 square pixels")]
    public double MinArea { get; set; } = 300;

    /// <summary>A scene without motion is still detected this often, for whoever stands still.</summary>
    [Range(0.1, 3600, ErrorMessage = "must be from 0.1 to 3600")]
    public double RecheckSeconds { get; set; } = 5;

    /// <summary>More than this share of the picture changing at once is a lighting change (lamps, clouds, IR switch), not motion.</summary>
    [Range(0.05, 1.0, ErrorMessage = "must be from 0.05 to 1")]
    public double MaxChangedShare { get; set; } = 0.5;

    /// <summary>Areas whose changes are ignored (trees, a clock, a road): polygons of [x, y] in frame pixels, three points or more each.</summary>
    public List<List<float[]>> Masks { get; set; } = [];
}
