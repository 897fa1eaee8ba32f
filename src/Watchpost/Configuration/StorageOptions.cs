using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

public sealed class StorageOptions
{
    /// <summary>Folder of the event database (watchpost.db) and other state.</summary>
    [Required]
    public string Path { get; set; } = "/var/lib/watchpost";

    [Range(1, 3650)]
    public int RetainDays { get; set; } = 30;

    [Range(0.01, 10000)]
    public double MaxSizeGb { get; set; } = 20;

    /// <summary>
    /// Free space (MB) kept in the storage folder's file system. Below it the disk counts as full: snapshots are
    /// dropped (events and alerts still stored); below a quarter of it nothing more is written to the database and
    /// events wait in memory until space returns, so LiteDB never runs into the end of the disk. 4 MB leaves a
    /// small tmpfs room to work and is nothing on a real disk.
    /// </summary>
    [Range(0.25, 100000)]
    public double ReserveMb { get; set; } = 4;
}
