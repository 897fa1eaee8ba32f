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
}
