using Watchpost.Behaviours.Objects;
using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.LeftObject;

/// <summary>One object the left-object rule watches: where it is, who brought it, since when it is left.</summary>
internal sealed class LeftCandidate
{
    public SampleRing Samples { get; } = new();

    public int TrackId { get; set; }

    public int ClassId { get; set; }

    public BoundingBox Box { get; set; }

    public float Score { get; set; }

    public TimeSpan LastSeen { get; set; }

    /// <summary>Last time the object was seen or hidden behind a person.</summary>
    public TimeSpan LastAccounted { get; set; }

    public int? OwnerId { get; set; }

    /// <summary>The owner's latest box (where they were last seen once gone).</summary>
    public BoundingBox OwnerBox { get; set; }

    /// <summary>Owner (or nearest person) to object, ground point to ground point, in pixels.</summary>
    public float Distance { get; set; }

    public TimeSpan? LeftSince { get; set; }

    public bool Fired { get; set; }

    public TimeSpan FiredAt { get; set; }

    /// <summary>Where the object stood when the rule fired.</summary>
    public BoundingBox PlaceBox { get; set; }

    public long Key { get; set; }

    public void Begin(in Track track, TimeSpan now)
    {
        Samples.Clear();
        (TrackId, ClassId, Box, LastSeen, LastAccounted) = (track.Id, track.ClassId, track.Box, now, now);
        (OwnerId, OwnerBox, Distance, LeftSince, Fired, Key) = (null, default, 0, null, false, 0);
    }
}
