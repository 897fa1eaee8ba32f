namespace Watchpost.Cli.Provisioning;

/// <summary>
/// One difference provisioning makes: <c>+ cameras[gate-2]</c>, <c>- zones[old]</c>,
/// <c>~ rules[lobby-intrusion].durationSeconds: 2 -> 3</c>, <c>+ user guard1 (operator)</c>. Secrets are *** in From and To.
/// </summary>
/// <param name="Kind">add, remove, change, or keep (a console user the file does not list, left as it is).</param>
/// <param name="Path">What changes: a site file path with entries by id, or "user NAME".</param>
/// <param name="From">The value before (JSON), when it is a value that changes.</param>
/// <param name="To">The value after (JSON).</param>
/// <param name="Note">Why, for users ("role", "password does not match", "not in the provisioning file").</param>
public sealed record ProvisionChange(string Kind, string Path, string? From = null, string? To = null, string? Note = null)
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string Change = "change";
    public const string Keep = "keep";

    /// <summary>The line the human output prints.</summary>
    public override string ToString()
    {
        var sign = Kind switch { Add => "+", Remove => "-", Change => "~", _ => "=" };
        var values = (From, To) switch
        {
            (null, null) => "",
            (null, { } to) => $": {to}",
            ({ } from, null) => $": {from}",
            ({ } from, { } to) => $": {from} -> {to}",
        };
        return $"{sign} {Path}{values}{(Note is null ? "" : $"  ({Note})")}";
    }
}
