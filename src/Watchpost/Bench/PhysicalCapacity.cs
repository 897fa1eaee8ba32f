namespace Watchpost.Bench;

/// <summary>
/// What the cores can do with this model and this decode, each measured alone: cores ÷ (inference CPU-s per frame
/// of a bare single-threaded ONNX Runtime session + decode CPU-s per frame of ffmpeg turning this source into BGR
/// frames). A pipeline that wasted nothing would detect this many frames per second.
/// </summary>
public sealed record PhysicalCapacity(double InferenceCpuSecondsPerFrame, double DecodeCpuSecondsPerFrame, int Cores)
{
    public double PerSecond => Cores / (InferenceCpuSecondsPerFrame + DecodeCpuSecondsPerFrame);

    /// <summary>Detections per second ÷ <see cref="PerSecond"/>.</summary>
    public double Ratio(double detectionsPerSecond) => detectionsPerSecond / PerSecond;
}
