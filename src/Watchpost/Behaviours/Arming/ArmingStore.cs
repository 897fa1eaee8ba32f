using System.Text.Json;
using Microsoft.Extensions.Logging;
using Watchpost.Storage;

namespace Watchpost.Behaviours;

/// <summary>
/// Reads and writes the arming state file. A write goes to a temporary file (mode 0600: it names operators),
/// is flushed to disk and renamed over the old one, so a power cut leaves either the old state or the new one.
/// A file that cannot be read or parsed is moved aside, never silently overwritten.
/// </summary>
internal sealed class ArmingStore(string folder, TimeProvider time, ILogger logger)
{
    public const string FileName = "arming.json";

    public string FilePath { get; } = Path.Combine(folder, FileName);

    /// <summary>The disarms in the file (none when there is no file); null when the file was damaged and has been moved aside.</summary>
    public IReadOnlyList<ArmingEntry>? Load()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), ArmingJsonContext.Default.ArmingFile)
                ?? throw new InvalidDataException("the file holds null");
            if (file.Version != ArmingFile.CurrentVersion)
            {
                throw new InvalidDataException($"version {file.Version}, expected {ArmingFile.CurrentVersion}");
            }

            return [.. file.Disarmed.Select(ToEntry)];
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            MoveAside(e);
            return null;
        }
    }

    /// <summary>Replaces the file with <paramref name="entries"/>; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    public void Save(IEnumerable<ArmingEntry> entries)
    {
        PrivateFile.WriteJson(FilePath, new ArmingFile { Disarmed = [.. entries.Select(ToFile)] }, ArmingJsonContext.Default.ArmingFile);
    }

    private void MoveAside(Exception reason)
    {
        try
        {
            var aside = PrivateFile.MoveAside(FilePath, PrivateFile.DamagedStamp(time.GetUtcNow()));
            logger.LogError(
                "The arming state file {Path} is damaged or unreadable ({Reason}); moved it aside to {Aside}. Starting with EVERY RULE ARMED: disarm again what should be disarmed",
                FilePath, reason.Message, aside);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(
                "The arming state file {Path} is damaged or unreadable ({Reason}) and could not be moved aside ({MoveError}). Starting with EVERY RULE ARMED; the next change overwrites it",
                FilePath, reason.Message, e.Message);
        }
    }

    private static ArmingEntry ToEntry(ArmingFileEntry e)
    {
        var scope = ArmingTarget.ParseScope(e.Target) ?? throw new InvalidDataException($"unknown target '{e.Target}'");
        if (scope != ArmingScope.Everything && string.IsNullOrWhiteSpace(e.Id))
        {
            throw new InvalidDataException($"a {e.Target} entry without an id");
        }

        if (string.IsNullOrWhiteSpace(e.By))
        {
            throw new InvalidDataException($"the entry for {e.Target} '{e.Id}' names no operator");
        }

        return new ArmingEntry(new ArmingTarget(scope, scope == ArmingScope.Everything ? null : e.Id), e.By, e.Reason ?? "", e.Since, e.Until);
    }

    private static ArmingFileEntry ToFile(ArmingEntry e) => new()
    {
        Target = ArmingTarget.ScopeName(e.Target.Scope),
        Id = e.Target.Id,
        By = e.By,
        Reason = e.Reason,
        Since = e.Since,
        Until = e.Until,
    };
}
