using Microsoft.Extensions.Logging;

namespace Watchpost.Events;

/// <summary>
/// Free space of the storage folder's file system (statvfs through <see cref="DriveInfo"/>, a few microseconds),
/// checked before each write. Below <see cref="ReserveBytes"/> the disk counts as full (snapshots are dropped);
/// below <see cref="FloorBytes"/> the database is not written at all, so LiteDB never meets ENOSPC halfway through
/// a page write. The full state has hysteresis (it clears at one and a half reserves) so that a disk hovering at
/// the line logs one warning, not one per event. Thread-safe.
/// </summary>
public sealed class StorageSpace
{
    private readonly Func<string, long> _measure;
    private readonly ILogger<StorageSpace> _logger;
    private readonly Lock _gate = new();
    private long _freeBytes = long.MaxValue;
    private bool _full;

    /// <param name="folder">The storage folder (created when missing).</param>
    /// <param name="reserveBytes">Free space to keep; the floor is a quarter of it.</param>
    /// <param name="measure">Free bytes of a folder's file system; null = the real one (tests pass their own).</param>
    public StorageSpace(string folder, long reserveBytes, ILogger<StorageSpace> logger, Func<string, long>? measure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(reserveBytes);
        Folder = Path.GetFullPath(folder);
        ReserveBytes = reserveBytes;
        _logger = logger;
        _measure = measure ?? AvailableBytes;
    }

    public string Folder { get; }

    /// <summary>Below this much free space the disk is full: snapshots are dropped.</summary>
    public long ReserveBytes { get; }

    /// <summary>Below this much free space nothing is written to the database (events wait in memory).</summary>
    public long FloorBytes => ReserveBytes / 4;

    /// <summary>Free bytes at the last check (long.MaxValue before the first, or when it cannot be measured).</summary>
    public long FreeBytes => Interlocked.Read(ref _freeBytes);

    /// <summary>True from the check that found less than the reserve until one finds one and a half reserves again.</summary>
    public bool IsFull
    {
        get
        {
            lock (_gate)
            {
                return _full;
            }
        }
    }

    /// <summary>Measures the free space now and says what may be written.</summary>
    public StorageSpaceLevel Check()
    {
        long free;
        try
        {
            free = _measure(Folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Cannot tell (folder gone, odd mount): let the writes try; their failures are handled where they happen.
            _logger.LogDebug("Cannot measure free space of {Folder}: {Reason}", Folder, ex.Message);
            free = long.MaxValue;
        }

        Interlocked.Exchange(ref _freeBytes, free);
        lock (_gate)
        {
            if (!_full && free < ReserveBytes)
            {
                _full = true;
                _logger.LogWarning("Disk full: {Free} bytes free in {Folder}, under the {Reserve}-byte reserve; snapshots are dropped, events and alerts go on",
                    free, Folder, ReserveBytes);
            }
            else if (_full && free >= ReserveBytes + ReserveBytes / 2)
            {
                _full = false;
                _logger.LogWarning("Disk space is back: {Free} bytes free in {Folder}; snapshots are stored again", free, Folder);
            }

            return free < FloorBytes ? StorageSpaceLevel.Critical : _full ? StorageSpaceLevel.Low : StorageSpaceLevel.Ok;
        }
    }

    /// <summary>Bytes an unprivileged process may still write in the folder's file system.</summary>
    public static long AvailableBytes(string folder)
    {
        Directory.CreateDirectory(folder);
        return new DriveInfo(folder).AvailableFreeSpace;
    }
}
