using Watchpost.Ingest;

namespace Watchpost.Cli.Doctor;

/// <summary>The ffmpeg the cameras are read through (<see cref="FfmpegFrameSource.DefaultExecutable"/> on PATH) runs, and which version it is.</summary>
internal sealed class FfmpegCheck : IDoctorCheck
{
    public string Name => "ffmpeg";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var run = await ExternalTool.RunAsync(FfmpegFrameSource.DefaultExecutable, ["-hide_banner", "-version"], TimeSpan.FromSeconds(10), cancellationToken);
        if (run is null)
        {
            return DoctorResult.Fail(Name, $"{FfmpegFrameSource.DefaultExecutable} is not on PATH: RTSP cameras cannot be read", "sudo apt-get install ffmpeg");
        }

        return run.ExitCode == 0
            ? DoctorResult.Pass(Name, $"{run.FirstLine} ({ExternalTool.Find(FfmpegFrameSource.DefaultExecutable)})")
            : DoctorResult.Fail(Name, $"ffmpeg -version failed (exit {run.ExitCode}): {run.FirstLine}", "sudo apt-get install --reinstall ffmpeg");
    }
}
