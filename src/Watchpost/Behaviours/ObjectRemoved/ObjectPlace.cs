using Watchpost.Detection;

namespace Watchpost.Behaviours.ObjectRemoved;

/// <summary>A place where a still object stands (or stood), remembered by position rather than by track id.</summary>
internal sealed class ObjectPlace
{
    public BoundingBox Box { get; set; }

    public int ClassId { get; set; }

    public int TrackId { get; set; }

    public float Score { get; set; }

    /// <summary>When the object was first seen standing here.</summary>
    public TimeSpan Since { get; set; }

    public TimeSpan LastPresent { get; set; }

    /// <summary>Last time a track standing still was seen here.</summary>
    public TimeSpan LastStill { get; set; }

    /// <summary>Last time the object was seen or hidden behind a person: its absence is counted from here.</summary>
    public TimeSpan LastAccounted { get; set; }

    /// <summary>True once the object has stood here for presentSeconds: its disappearance is then a removal.</summary>
    public bool Established { get; set; }

    public bool Fired { get; set; }

    public TimeSpan FiredAt { get; set; }

    /// <summary>When the object was last seen (or hidden) before the alert: the start of its absence.</summary>
    public TimeSpan MissingFrom { get; set; }

    public long Key { get; set; }

    public bool Dropped { get; set; }
}
