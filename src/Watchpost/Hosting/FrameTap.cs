using OpenCvSharp;

namespace Watchpost.Hosting;

/// <summary>
/// One camera's "encode the next frame" hook: the console asks (<see cref="NextJpegAsync"/>), the camera's pipeline
/// offers each processed frame (<see cref="Offer"/>), and the first frame after a request is encoded to JPEG on the
/// pipeline's thread and handed to every caller waiting. Without a request an offer is one volatile read.
/// </summary>
public sealed class FrameTap
{
    private readonly int _jpegQuality;
    private TaskCompletionSource<byte[]>? _pending;

    public FrameTap(int jpegQuality = 85)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jpegQuality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jpegQuality, 100);
        _jpegQuality = jpegQuality;
    }

    /// <summary>The JPEG of the next frame the pipeline processes; waits until it comes or <paramref name="cancellationToken"/> ends it.</summary>
    public Task<byte[]> NextJpegAsync(CancellationToken cancellationToken)
    {
        var waiting = Volatile.Read(ref _pending);
        if (waiting is null)
        {
            var created = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = Interlocked.CompareExchange(ref _pending, created, null) ?? created;
        }

        return waiting.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Called by the pipeline with each processed frame (BGR) while it is still valid; <paramref name="masks"/> are blurred in the JPEG (on a copy).</summary>
    public void Offer(Mat image, PrivacyMask? masks = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Volatile.Read(ref _pending) is null || Interlocked.Exchange(ref _pending, null) is not { } waiting)
        {
            return;
        }

        try
        {
            byte[] jpeg;
            if (masks is null || masks.IsEmpty)
            {
                Cv2.ImEncode(".jpg", image, out jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, _jpegQuality));
            }
            else
            {
                using var masked = image.Clone();
                masks.Apply(masked);
                Cv2.ImEncode(".jpg", masked, out jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, _jpegQuality));
            }

            waiting.TrySetResult(jpeg);
        }
        catch (Exception e) when (e is OpenCVException or ArgumentException)
        {
            waiting.TrySetException(e);
        }
    }
}
