namespace Watchpost.Evaluation;

/// <summary>The events of one video (in time order) with its frame count and the frame rate its times use.</summary>
public sealed record VideoEvents(string Video, int Frames, double Fps, IReadOnlyList<EvaluatedEvent> Events)
{
    /// <summary>Frames the motion gate kept from the detector; null without a gate.</summary>
    public long? FramesGated { get; init; }
}
