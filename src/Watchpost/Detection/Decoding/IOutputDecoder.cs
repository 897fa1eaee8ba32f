namespace Watchpost.Detection.Decoding;

/// <summary>
/// Turns a model's raw output tensor into candidate detections in source-frame pixels (before NMS).
/// An instance may keep scratch buffers, so it serves one caller at a time.
/// </summary>
public interface IOutputDecoder
{
    int ClassCount { get; }

    /// <param name="output">The output tensor's data.</param>
    /// <param name="shape">The output tensor's shape.</param>
    /// <param name="scale">The letterbox scale (model pixels per source pixel).</param>
    /// <param name="classThresholds">
    /// Minimum score per class id; +infinity excludes a class (an anchor then takes its best included class).
    /// </param>
    /// <param name="into">Receives the candidates.</param>
    void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> shape, float scale, ReadOnlySpan<float> classThresholds, List<DetectedObject> into);
}
