using Watchpost.Ingest;

namespace Watchpost.Tests.Ingest;

/// <summary>What a test keeps of a frame after disposing it.</summary>
internal sealed record FrameFacts(long Index, TimeSpan Timestamp, int Width, int Height, int Channels, byte FirstByte, double Mean);

internal static class FrameReading
{
    /// <summary>Takes <paramref name="count"/> frames (disposing each), failing if they do not come in time.</summary>
    public static async Task<List<FrameFacts>> TakeAsync(IFrameSource source, int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var frames = new List<FrameFacts>();
        try
        {
            while (frames.Count < count)
            {
                using var frame = await source.Frames.ReadAsync(cancel.Token);
                frames.Add(Facts(frame));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"camera {source.CameraId}: got {frames.Count} of {count} frames in {timeout.TotalSeconds} s; state {source.State}, last error: {source.LastError}");
        }

        return frames;
    }

    public static FrameFacts Facts(VideoFrame frame) => new(
        frame.Index, frame.Timestamp, frame.Image.Width, frame.Image.Height, frame.Image.Channels(),
        frame.Image.At<byte>(0, 0), frame.Image.Mean().Val0);
}
