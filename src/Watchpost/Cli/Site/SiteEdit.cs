using System.CommandLine;
using System.Text.Json.Nodes;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Mqtt;

namespace Watchpost.Cli.Site;

/// <summary>
/// One edit of the site file by a verb: the file as it is now (loaded and validated as `watchpost run` does), the
/// change made through <see cref="SiteFileEditor.EditAsync"/> (validated by the loader, atomic, mode and owner
/// kept, the file byte for byte as it was when the loader refuses), and what the installer is told afterwards.
/// </summary>
internal sealed class SiteEdit
{
    private SiteEdit(SiteFileEditor editor, WatchpostOptions current)
    {
        Editor = editor;
        Current = current;
    }

    public SiteFileEditor Editor { get; }

    /// <summary>The site before the edit.</summary>
    public WatchpostOptions Current { get; }

    /// <summary>The file (the target of a link).</summary>
    public string File => Editor.Path;

    /// <summary>Opens the site file of <c>--config</c>; an invalid file ends the verb with the loader's message (exit code 2).</summary>
    public static SiteEdit Open(ParseResult parse, Option<string> config)
    {
        var editor = new SiteFileEditor(parse.GetRequiredValue(config));
        try
        {
            return new SiteEdit(editor, editor.Load());
        }
        catch (UnauthorizedAccessException e)
        {
            throw NotPermitted(editor.Path, e);
        }
    }

    /// <summary>Changes the file; the loader's refusal is an <see cref="InvalidConfigurationException"/> (exit code 2) and nothing is written.</summary>
    public async Task<WatchpostOptions> ApplyAsync(Action<JsonObject> change, CancellationToken cancellationToken)
    {
        try
        {
            return await Editor.EditAsync(change, check: null, inForce: null, cancellationToken);
        }
        catch (UnauthorizedAccessException e)
        {
            throw NotPermitted(File, e);
        }
    }

    /// <summary>The site file (or its folder) is root's: the installer forgot sudo.</summary>
    public static CliInputException NotPermitted(string path, UnauthorizedAccessException e) =>
        new($"{path}: permission denied; run the command with sudo (or pass --config with a file you own)", e);

    /// <summary>
    /// The running service does not watch its file: it reads it at start, and again on the MQTT <c>reload</c>
    /// command (<see cref="SiteReloader"/>), which applies cameras, zones, lines, masks and rules without a restart.
    /// </summary>
    public static string ReloadHint(WatchpostOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var topic = MqttTopics.Command(MqttTopics.Root(site.Mqtt.TopicPrefix, site.Site.DeviceId), "reload");
        return $"A running service applies this on its MQTT reload command (publish {{}} to {topic} as a controller) or at a restart (sudo systemctl restart watchpost).";
    }

    /// <summary>" --config FILE" when the file is not the default one, for the commands a verb suggests next.</summary>
    public static string ConfigArgument(string file) =>
        file == WatchpostOptionsLoader.DefaultPath ? "" : $" --config {(file.Contains(' ', StringComparison.Ordinal) ? $"\"{file}\"" : file)}";
}
