using System.Diagnostics;

namespace Watchpost.Tests.Support;

/// <summary>
/// A 10 s H.264 clip of vtest.avi (768x576, 10 fps, 100 frames, a key frame every 10), made once per test run
/// in a temporary folder: the RTSP server publishes it and file-source tests read it.
/// </summary>
public static class TestClip
{
    public const int Width = 768;
    public const int Height = 576;
    public const int Frames = 100;
    public const double Fps = 10;

    private static readonly Lazy<string> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Made.Value;

    private static string Make()
    {
        var folder = Directory.CreateTempSubdirectory("watchpost-clip-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        var clip = System.IO.Path.Combine(folder, "clip.mp4");
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            ArgumentList =
            {
                "-hide_banner", "-nostdin", "-loglevel", "error", "-i", TestAssets.Video, "-t", "10", "-c:v", "libx264",
                "-preset", "veryfast", "-tune", "zerolatency", "-g", "10", "-pix_fmt", "yuv420p", "-an", clip,
            },
        };
        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEnd();
        if (!ffmpeg.WaitForExit(60_000) || ffmpeg.ExitCode != 0 || !File.Exists(clip))
        {
            throw new InvalidOperationException($"ffmpeg could not make the test clip from {TestAssets.Video}: {errors}");
        }

        return clip;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
