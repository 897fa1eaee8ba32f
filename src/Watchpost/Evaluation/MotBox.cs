using Watchpost.Detection;

namespace Watchpost.Evaluation;

/// <summary>One row of a MOTChallenge file: an object's box in one frame.</summary>
/// <param name="Frame">1-based frame number.</param>
/// <param name="Id">Trajectory id (ground-truth person or hypothesis track).</param>
/// <param name="Confidence">The conf column: 0 marks a ground-truth row to ignore; a track file puts the score here.</param>
public readonly record struct MotBox(int Frame, int Id, BoundingBox Box, float Confidence = 1f);
