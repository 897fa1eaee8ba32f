namespace Watchpost.Behaviours.Objects;

/// <summary>One matched observation of a track: when, a point of its box (ground point or centre) and its size.</summary>
internal readonly record struct TrackSample(TimeSpan Time, float X, float Y, float Height, float Size);
