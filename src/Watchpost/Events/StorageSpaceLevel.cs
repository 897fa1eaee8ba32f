namespace Watchpost.Events;

/// <summary>How much room the storage folder has left (see <see cref="StorageSpace"/>).</summary>
public enum StorageSpaceLevel
{
    /// <summary>Above the reserve: events and snapshots are stored.</summary>
    Ok,

    /// <summary>Below the reserve (disk full): events and alerts are stored, snapshots dropped.</summary>
    Low,

    /// <summary>Below the floor: nothing is written to the database; events and alerts wait in memory.</summary>
    Critical,
}
