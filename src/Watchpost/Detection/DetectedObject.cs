namespace Watchpost.Detection;

/// <summary>One object found by the detector in one frame.</summary>
public readonly record struct DetectedObject(BoundingBox Box, int ClassId, float Score);
