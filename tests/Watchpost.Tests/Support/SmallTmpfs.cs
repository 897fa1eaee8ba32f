using System.Diagnostics;

namespace Watchpost.Tests.Support;

/// <summary>A tmpfs of a few megabytes mounted on a fresh folder under /tmp (see <see cref="TmpfsFactAttribute"/>); unmounted on dispose.</summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Mounts it; a refused mount fails the test with mount's own words.</summary>
    public static SmallTmpfs Mount(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wp-full-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        Assert.True(code == 0, $"mount -t tmpfs -o size={megabytes}m tmpfs {path} failed ({code}): {output}");
        return new SmallTmpfs(path);
    }

    /// <summary>A file of <paramref name="bytes"/> zeros taking room that the test can give back later by deleting it.</summary>
    public string Fill(string name, long bytes)
    {
        var file = System.IO.Path.Combine(Path, name);
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write);
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)1);
        for (long written = 0; written < bytes; written += block.Length)
        {
            stream.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
        }

        return file;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
