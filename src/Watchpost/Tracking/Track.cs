using Watchpost.Detection;

namespace Watchpost.Tracking;

/// <summary>A snapshot of one tracked object after a tracker update.</summary>
/// <param name="Id">Stable id per camera, starting at 1.</param>
/// <param name="Box">Where the object is in this frame: the tracker's estimate corrected by the matched detection, or its prediction when unmatched.</param>
/// <param name="IsConfirmed">True once the track has had enough hits to be trusted.</param>
/// <param name="IsMatched">True when a detection of this frame supports the box; false for a predicted box.</param>
public readonly record struct Track(int Id, BoundingBox Box, int ClassId, float Score, bool IsConfirmed, bool IsMatched, int Hits, TimeSpan FirstSeen);
