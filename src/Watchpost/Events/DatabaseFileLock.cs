using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Watchpost.Events;

/// <summary>
/// An advisory flock(2) on a lock file next to the database (<c>watchpost.db.lock</c>), held around each database
/// operation so that the service and the CLI never have the file open at the same time.
/// </summary>
/// <remarks>
/// Why not LiteDB's shared mode: it locks with a named Mutex, which .NET on Linux keeps as a file under /tmp, and
/// systemd's <c>PrivateTmp=yes</c> gives the service a /tmp of its own, so a CLI outside the unit would not see the
/// service's lock. A flock on a file in the storage folder is seen by every process that can open that file. The
/// file is opened with open(2) rather than FileStream, because .NET itself flocks files it opens (FileShare
/// emulation) and would turn our exclusive lock into sharing violations elsewhere. The kernel drops the lock when
/// the process dies, so a killed service never leaves the database locked.
/// </remarks>
internal sealed partial class DatabaseFileLock : IDisposable
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int Unlock = 8;
    private const int OpenReadWrite = 0x2;
    private const int OpenCreate = 0x40;
    private const int OpenCloseOnExec = 0x80000;
    private const int WouldBlock = 11;   // EWOULDBLOCK = EAGAIN on Linux
    private const int Interrupted = 4;   // EINTR

    private readonly int _fd;
    private int _disposed;

    public DatabaseFileLock(string path)
    {
        Path = path;
        _fd = Open(path, OpenReadWrite | OpenCreate | OpenCloseOnExec, Convert.ToInt32("660", 8));
        if (_fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot open the database lock file '{path}' (expected a writable storage folder): {new Win32Exception(error).Message}");
        }
    }

    public string Path { get; }

    /// <summary>Waits for the exclusive lock (other processes' operations are short: milliseconds) and returns its release.</summary>
    /// <exception cref="TimeoutException">Another process held it longer than <paramref name="timeout"/>.</exception>
    public Held Acquire(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var clock = Stopwatch.StartNew();
        var pause = 1;
        while (true)
        {
            if (Flock(_fd, LockExclusive | LockNonBlocking) == 0)
            {
                return new Held(this);
            }

            var error = Marshal.GetLastPInvokeError();
            if (error is not (WouldBlock or Interrupted))
            {
                throw new IOException($"Cannot lock '{Path}': {new Win32Exception(error).Message}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The event database is locked by another process (lock file '{Path}') for more than {timeout.TotalSeconds:0} s.");
            }

            // Short pauses first: a writer on the other side usually finishes within a few milliseconds.
            Thread.Sleep(pause);
            pause = Math.Min(pause * 2, 20);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = Close(_fd);
        }
    }

    private void Release() => _ = Flock(_fd, Unlock);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>The lock while it is held; disposing releases it.</summary>
    public readonly struct Held(DatabaseFileLock owner) : IDisposable
    {
        public void Dispose() => owner.Release();
    }
}
