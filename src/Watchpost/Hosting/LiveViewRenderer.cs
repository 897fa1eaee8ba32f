using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using Watchpost.Tracking;

namespace Watchpost.Hosting;

/// <summary>
/// One camera's live view for the console's camera grid: the camera's pipeline offers each processed frame
/// (<see cref="Offer"/>) and, only while someone watches and at most at the rate they asked for, a scaled-down copy
/// is drawn (masks blurred first, then zones, lines with their A-to-B arrow, and the tracked boxes) and encoded as
/// JPEG on the pipeline's thread. Viewers of the same width share the pictures. Without a viewer an offer is one
/// volatile read.
/// </summary>
public sealed class LiveViewRenderer
{
    /// <summary>Most picture sizes encoded at once per camera; a viewer beyond them gets the nearest size already encoded.</summary>
    public const int MaxSizes = 4;

    private static readonly Scalar ZoneColour = new(255, 200, 0);     // BGR: azure
    private static readonly Scalar LineColour = new(0, 215, 255);     // gold
    private static readonly Scalar TrackColour = new(0, 230, 0);      // green
    private static readonly Scalar LostColour = new(160, 160, 160);
    private static readonly Scalar TextColour = new(255, 255, 255);

    private readonly Lock _gate = new();
    private readonly int _jpegQuality;
    private LiveViewStream[] _streams = [];
    private long _rendered;

    public LiveViewRenderer(int jpegQuality = 70)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jpegQuality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jpegQuality, 100);
        _jpegQuality = jpegQuality;
    }

    /// <summary>Whether anyone watches (the pipeline's check before doing anything).</summary>
    public bool IsWatched => Volatile.Read(ref _streams).Length > 0;

    /// <summary>Pictures encoded since start (for tests and diagnostics).</summary>
    public long Rendered => Interlocked.Read(ref _rendered);

    /// <summary>Starts watching at <paramref name="width"/> pixels and up to <paramref name="fps"/> pictures a second; dispose the viewer to stop.</summary>
    public LiveViewer Watch(int width, int fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        lock (_gate)
        {
            var stream = _streams.FirstOrDefault(s => s.Width == width);
            if (stream is null && _streams.Length >= MaxSizes)
            {
                stream = _streams.MinBy(s => Math.Abs(s.Width - width));
            }

            if (stream is null)
            {
                stream = new LiveViewStream(width);
                Volatile.Write(ref _streams, [.. _streams, stream]);
            }

            var viewer = new LiveViewer(this, stream, fps);
            stream.Add(viewer);
            return viewer;
        }
    }

    internal void Leave(LiveViewer viewer)
    {
        lock (_gate)
        {
            if (!viewer.Stream.Remove(viewer))
            {
                Volatile.Write(ref _streams, [.. _streams.Where(s => s != viewer.Stream)]);
            }
        }
    }

    /// <summary>Called by the pipeline with each processed frame (BGR, left unchanged) while it is valid, with the frame's tracks and the camera's scene.</summary>
    public void Offer(Mat image, IReadOnlyList<Track> tracks, CameraScene scene)
    {
        var streams = Volatile.Read(ref _streams);
        if (streams.Length == 0)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(scene);
        var now = Stopwatch.GetTimestamp();
        foreach (var stream in streams)
        {
            if (!stream.Due(now) || image.Empty())
            {
                continue;
            }

            try
            {
                stream.Publish(Render(image, tracks, scene, stream.Width), now);
                Interlocked.Increment(ref _rendered);
            }
            catch (OpenCVException)
            {
                // A picture that cannot be drawn is skipped: the live view must never stop the camera.
            }
        }
    }

    /// <summary>The picture of <paramref name="image"/> at <paramref name="width"/> pixels, with the scene and tracks drawn, as JPEG.</summary>
    public byte[] Render(Mat image, IReadOnlyList<Track> tracks, CameraScene scene, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(scene);
        var scale = width / (double)image.Width;
        var size = new Size(width, Math.Max(1, (int)Math.Round(image.Height * scale)));
        using var canvas = Scale(image, size);

        // Masks first: nothing drawn afterwards is blurred, and nothing under a mask is ever encoded.
        scene.Masks.Apply(canvas, scale);
        DrawZones(canvas, scene, scale);
        DrawLines(canvas, scene, scale);
        DrawTracks(canvas, tracks, scale);

        Cv2.ImEncode(".jpg", canvas, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, _jpegQuality));
        return jpeg;
    }

    /// <summary>
    /// The frame at <paramref name="size"/>. OpenCV's area resize is fast only for whole ratios (about ten times
    /// slower at 768 to 480), so a large shrink goes by a whole ratio first and bilinear for the rest.
    /// </summary>
    private static Mat Scale(Mat image, Size size)
    {
        var canvas = new Mat();
        try
        {
            var whole = image.Width / size.Width;
            if (whole < 2 || image.Height / whole < size.Height)
            {
                Cv2.Resize(image, canvas, size, 0, 0, InterpolationFlags.Linear);
                return canvas;
            }

            using var shrunk = new Mat();
            Cv2.Resize(image, shrunk, new Size(image.Width / whole, image.Height / whole), 0, 0, InterpolationFlags.Area);
            Cv2.Resize(shrunk, canvas, size, 0, 0, InterpolationFlags.Linear);
            return canvas;
        }
        catch
        {
            canvas.Dispose();
            throw;
        }
    }

    private static void DrawZones(Mat canvas, CameraScene scene, double scale)
    {
        if (scene.Zones.Count == 0)
        {
            return;
        }

        var polygons = scene.Zones.Select(z => z.Polygon.Select(p => Scaled(p[0], p[1], scale)).ToArray()).ToArray();
        using (var fill = canvas.Clone())
        {
            Cv2.FillPoly(fill, polygons, ZoneColour, LineTypes.AntiAlias);
            Cv2.AddWeighted(fill, 0.25, canvas, 0.75, 0, canvas);
        }

        Cv2.Polylines(canvas, polygons, true, ZoneColour, 1, LineTypes.AntiAlias);
        for (var i = 0; i < polygons.Length; i++)
        {
            Label(canvas, scene.Zones[i].Id, polygons[i].MinBy(p => p.Y + p.X), ZoneColour);
        }
    }

    private static void DrawLines(Mat canvas, CameraScene scene, double scale)
    {
        foreach (var line in scene.Lines)
        {
            var from = Scaled(line.From[0], line.From[1], scale);
            var to = Scaled(line.To[0], line.To[1], scale);
            Cv2.Line(canvas, from, to, LineColour, 2, LineTypes.AntiAlias);

            // Side a is on the right looking from "from" to "to" (image coordinates): the arrow crosses from a to b.
            double dx = to.X - from.X, dy = to.Y - from.Y;
            var length = Math.Sqrt((dx * dx) + (dy * dy));
            if (length < 1)
            {
                continue;
            }

            var (nx, ny) = (-dy / length, dx / length);   // towards side a
            var arm = Math.Clamp(length / 4, 10, 30);
            var (mx, my) = ((from.X + to.X) / 2.0, (from.Y + to.Y) / 2.0);
            var a = new Point((int)Math.Round(mx + (nx * arm)), (int)Math.Round(my + (ny * arm)));
            var b = new Point((int)Math.Round(mx - (nx * arm)), (int)Math.Round(my - (ny * arm)));
            Cv2.ArrowedLine(canvas, a, b, LineColour, 2, LineTypes.AntiAlias, 0, 0.3);
            Letter(canvas, "A", new Point((int)Math.Round(mx + (nx * (arm + 9))), (int)Math.Round(my + (ny * (arm + 9)))));
            Letter(canvas, "B", new Point((int)Math.Round(mx - (nx * (arm + 9))), (int)Math.Round(my - (ny * (arm + 9)))));
            Label(canvas, line.Id, from, LineColour);
        }
    }

    private static void DrawTracks(Mat canvas, IReadOnlyList<Track> tracks, double scale)
    {
        foreach (var track in tracks)
        {
            if (!track.IsConfirmed)
            {
                continue;
            }

            var box = new Rect((int)Math.Round(track.Box.X * scale), (int)Math.Round(track.Box.Y * scale),
                (int)Math.Round(track.Box.Width * scale), (int)Math.Round(track.Box.Height * scale));
            var colour = track.IsMatched ? TrackColour : LostColour;
            Cv2.Rectangle(canvas, box, colour, track.IsMatched ? 2 : 1);
            Label(canvas, string.Create(CultureInfo.InvariantCulture, $"#{track.Id}"), box.TopLeft, colour);
        }
    }

    /// <summary>A small label on a filled band, its bottom left at <paramref name="at"/> (kept inside the picture).</summary>
    private static void Label(Mat canvas, string text, Point at, Scalar band)
    {
        const double FontScale = 0.4;
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, FontScale, 1, out var baseline);
        var x = Math.Clamp(at.X, 0, Math.Max(0, canvas.Width - size.Width - 4));
        var y = Math.Clamp(at.Y, size.Height + baseline + 2, canvas.Height);
        Cv2.Rectangle(canvas, new Rect(x, y - size.Height - baseline - 2, size.Width + 4, size.Height + baseline + 2), band, -1);
        Cv2.PutText(canvas, text, new Point(x + 2, y - baseline - 1), HersheyFonts.HersheySimplex, FontScale, new Scalar(0, 0, 0), 1, LineTypes.AntiAlias);
    }

    /// <summary>A side letter centred on <paramref name="centre"/>, white with a dark outline so it reads on any ground.</summary>
    private static void Letter(Mat canvas, string letter, Point centre)
    {
        const double FontScale = 0.45;
        var size = Cv2.GetTextSize(letter, HersheyFonts.HersheySimplex, FontScale, 1, out _);
        var origin = new Point(centre.X - (size.Width / 2), centre.Y + (size.Height / 2));
        Cv2.PutText(canvas, letter, origin, HersheyFonts.HersheySimplex, FontScale, new Scalar(0, 0, 0), 3, LineTypes.AntiAlias);
        Cv2.PutText(canvas, letter, origin, HersheyFonts.HersheySimplex, FontScale, TextColour, 1, LineTypes.AntiAlias);
    }

    private static Point Scaled(float x, float y, double scale) => new((int)Math.Round(x * scale), (int)Math.Round(y * scale));
}
