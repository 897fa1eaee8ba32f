using System.Globalization;
using Watchpost.Events;

namespace Watchpost.Cli.Doctor;

/// <summary>The event database opens and answers a count, through the service's <see cref="LiteDbEventStore"/> as <c>watchpost events list</c> opens it (its file lock shares it with a running service).</summary>
internal sealed class DatabaseCheck : IDoctorCheck
{
    public string Name => "event database";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetFullPath(context.Options.Storage.Path), LiteDbEventStore.DatabaseFileName);
        if (!File.Exists(path))
        {
            return DoctorResult.Warn(Name, $"no event database yet at {path}: the service creates it when it first starts", SystemdState.StartHint(context.SiteFile));
        }

        try
        {
            using var store = new LiteDbEventStore(path, lockTimeout: TimeSpan.FromSeconds(10));
            var count = await store.CountAsync(new EventQuery(), cancellationToken);
            var size = new FileInfo(path).Length / (1024.0 * 1024);
            var detail = string.Create(CultureInfo.InvariantCulture, $"{path}: {count} events, {size:0.#} MB");
            return store.DatabaseMessage is { } message
                ? DoctorResult.Warn(Name, $"{detail}; {message}", "see docs/operations.md (backup and restore) for the file that was set aside")
                : DoctorResult.Pass(Name, detail);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteDB.LiteException or TimeoutException)
        {
            return DoctorResult.Fail(Name, $"{path} does not open: {e.Message}",
                e is UnauthorizedAccessException
                    ? $"run doctor as root or as the watchpost user (sudo -u watchpost watchpost doctor --config {context.SiteFile})"
                    : "stop the service (sudo systemctl stop watchpost), move the file aside and restore the last backup (docs/operations.md)");
        }
    }
}
