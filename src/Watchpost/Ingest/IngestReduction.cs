using System.Globalization;

namespace Watchpost.Ingest;

/// <summary>
/// What an overloaded box asks of a camera's reader: hand over <see cref="Fps"/> frames a second instead of the
/// camera's detect rate and, with <see cref="KeyFramesOnly"/>, decode only the key frames (ffmpeg's
/// <c>-skip_frame nokey</c>), so that frames the detector could not take are neither decoded nor piped.
/// </summary>
public sealed record IngestReduction(double Fps, bool KeyFramesOnly)
{
    public override string ToString() =>
        $"{Fps.ToString("0.##", CultureInfo.InvariantCulture)} fps{(KeyFramesOnly ? ", key frames only" : "")}";
}
