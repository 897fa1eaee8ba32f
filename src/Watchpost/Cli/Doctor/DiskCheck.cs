using System.Globalization;
using Watchpost.Events;

namespace Watchpost.Cli.Doctor;

/// <summary>
/// Free space in the storage folder's file system (measured as the service measures it, <see cref="StorageSpace"/>)
/// against storage.maxSizeGb: failed when less than a tenth of it (at least <see cref="FloorBytes"/>) is free,
/// a warning when the event log could not grow to its cap.
/// </summary>
internal sealed class DiskCheck : IDoctorCheck
{
    /// <summary>Below this the service soon drops snapshots whatever the cap.</summary>
    internal const long FloorBytes = 512L * 1024 * 1024;

    public string Name => "disk";

    public Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var storage = context.Options.Storage;
        var folder = Path.GetFullPath(storage.Path);
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var free = StorageSpace.AvailableBytes(existing);
        var cap = (long)(storage.MaxSizeGb * 1024 * 1024 * 1024);
        var used = Directory.Exists(folder) ? UsedBytes(folder) : 0;
        var need = Math.Min(cap, Math.Max(cap / 10, FloorBytes));
        var where = existing == folder ? folder : $"{folder} (not created yet; measured at {existing})";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{Gb(free)} free in {where}; the event log uses {Gb(used)} of storage.maxSizeGb {storage.MaxSizeGb:0.##} GB");
        var hint = $"free space on that disk (du -xsh {folder}/* /var/log/journal; sudo journalctl --vacuum-size=200M), or lower storage.maxSizeGb / storage.retainDays in {context.SiteFile}";
        if (free < need)
        {
            return Task.FromResult(DoctorResult.Fail(Name, $"{detail}: under the {Gb(need)} the appliance needs free", hint));
        }

        return Task.FromResult(free < cap - used
            ? DoctorResult.Warn(Name, $"{detail}: the log cannot grow to its cap (it needs {Gb(cap - used)} more)", hint)
            : DoctorResult.Pass(Name, detail));
    }

    private static long UsedBytes(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Sum(f => f.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string Gb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB");
}
