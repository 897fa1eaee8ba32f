using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watchpost.Cli;
using Watchpost.Configuration;
using Watchpost.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Watchpost.Tests.Cli;

/// <summary>
/// Keeps the installer's guides (docs/install.md, provisioning.md, troubleshooting.md, operations.md and their
/// docs/zh-CN/ twins) true: every <c>watchpost ...</c> command they show parses with the real root command, every
/// site example loads with the service's own loader, and each Chinese guide has the sections and commands of the
/// English one. A renamed verb or option, or a site key the loader no longer takes, fails here.
/// </summary>
public sealed partial class InstallerDocsTests
{
    private static readonly string[] Guides = ["install.md", "provisioning.md", "troubleshooting.md", "operations.md"];

    /// <summary>Top-level keys of a provisioning file that are not site-file sections: the console's users.</summary>
    private const string ConsoleUsersKey = "users";

    private static IEnumerable<string> GuideFiles() =>
        Guides.SelectMany(g => new[] { Path.Combine("docs", g), Path.Combine("docs", "zh-CN", g) });

    [Fact]
    public void Every_watchpost_command_in_the_installer_guides_parses_with_the_real_command_line()
    {
        var root = WatchpostCli.Create();
        var failures = new List<string>();
        var checkedPerFile = new Dictionary<string, int>();
        foreach (var file in GuideFiles())
        {
            checkedPerFile[file] = 0;
            foreach (var command in Commands(file))
            {
                var parse = root.Parse(command.Args);
                if (parse.Errors.Count > 0)
                {
                    failures.Add($"{file}:{command.Line}: watchpost {string.Join(' ', command.Args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
                }

                checkedPerFile[file]++;
            }
        }

        Assert.True(failures.Count == 0, "commands in the guides that the real CLI refuses:\n" + string.Join('\n', failures));

        Assert.All(checkedPerFile, kv => Assert.True(kv.Value >= 10, $"{kv.Key}: only {kv.Value} watchpost commands were checked"));
        Assert.True(checkedPerFile.Values.Sum() >= 150, $"only {checkedPerFile.Values.Sum()} commands checked: is the extraction broken?");
    }

    [Fact]
    public void Every_site_example_in_the_installer_guides_loads_with_the_service_loader()
    {
        using var folder = new TempFolder();
        var failures = new List<string>();
        var examplesPerFile = new Dictionary<string, int>();
        foreach (var file in GuideFiles())
        {
            examplesPerFile[file] = 0;
            foreach (var block in Blocks(file).Where(b => b.Info is "yaml" or "yml" or "json"))
            {
                examplesPerFile[file]++;
                var where = $"{file}:{block.Line}";
                try
                {
                    var site = SiteExample(block);
                    CheckConsoleUsers(site, where);
                    var path = folder.File($"example-{examplesPerFile.Values.Sum()}.json");
                    File.WriteAllText(path, site.ToJsonString());
                    WatchpostOptionsLoader.Load(path);
                }
                catch (Exception e) when (e is InvalidConfigurationException or YamlDotNet.Core.YamlException or System.Text.Json.JsonException or InvalidDataException)
                {
                    failures.Add($"{where}: {e.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, "site examples in the guides that the loader refuses:\n" + string.Join('\n', failures));
        Assert.True(examplesPerFile[Path.Combine("docs", "provisioning.md")] >= 2, "provisioning.md must show a complete site file");
        Assert.True(examplesPerFile[Path.Combine("docs", "zh-CN", "provisioning.md")] >= 2, "zh-CN/provisioning.md must show a complete site file");
    }

    [Fact]
    public void The_complete_example_covers_every_part_of_a_site()
    {
        var example = Blocks(Path.Combine("docs", "provisioning.md")).First(b => b.Info == "yaml");
        var site = SiteExample(example);
        foreach (var section in new[] { "site", "detector", "cameras", "zones", "lines", "masks", "rules", "mqtt", "gpio", ConsoleUsersKey })
        {
            Assert.True(site.ContainsKey(section), $"the complete example has no '{section}' section");
        }

        Assert.True(site["cameras"]!.AsArray().Count >= 2, "two cameras");
        var rules = site["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.True(rules.Select(r => (string)r["type"]!).Distinct().Count() >= 4, "rules of several types");
        Assert.Contains(rules, r => r.ContainsKey("schedule"));
        Assert.Equal("${WATCHPOST_MQTT_PASSWORD}", (string?)site["mqtt"]!["password"]);
        Assert.False(string.IsNullOrEmpty((string?)site["mqtt"]!["broker"]), "an external broker");
        Assert.Contains(site["gpio"]!["inputs"]!.AsArray(), i => (string?)i!["kind"] == "door");
        Assert.NotEmpty(site["gpio"]!["outputs"]!.AsArray());
    }

    [Fact]
    public async Task The_complete_example_provisions_a_box_and_a_second_run_changes_nothing()
    {
        using var folder = new TempFolder();
        var example = Blocks(Path.Combine("docs", "provisioning.md")).First(b => b.Info == "yaml");
        var data = folder.File("data");
        var siteFile = folder.File("gate-north-01.yaml");
        File.WriteAllText(siteFile, example.Text.Replace("path: /var/lib/watchpost", $"path: {data}", StringComparison.Ordinal));
        var secrets = folder.File("gate-north-01.secrets");
        File.WriteAllLines(secrets, Secret().Matches(example.Text).Select(m => m.Groups[1].Value).Distinct().Select(name => $"{name}={name.ToLowerInvariant()}-secret-value"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var config = folder.File("watchpost.json");
        string[] common = [siteFile, "--config", config, "--secrets", secrets];

        var dryRun = await WatchpostProcess.RunAsync(["provision", .. common, "--dry-run"]);
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.False(File.Exists(config), "--dry-run wrote the site file");

        var first = await WatchpostProcess.RunAsync(["provision", .. common]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var written = File.ReadAllBytes(config);
        WatchpostOptionsLoader.Load(config);

        var second = await WatchpostProcess.RunAsync(["provision", .. common]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("nothing to change", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllBytes(config));

        // The secrets are never echoed (provisioning.md says so).
        foreach (var value in File.ReadAllLines(secrets).Select(l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
        {
            Assert.DoesNotContain(value, dryRun.Stdout + dryRun.Stderr + first.Stdout + first.Stderr + second.Stdout + second.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_guide_has_a_Chinese_twin_with_the_same_sections_commands_and_examples()
    {
        foreach (var guide in Guides)
        {
            var english = Path.Combine("docs", guide);
            var chinese = Path.Combine("docs", "zh-CN", guide);
            Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, chinese)), $"{chinese} is missing");

            Assert.True(Sections(english) == Sections(chinese), $"{english} has {Sections(english)} sections (## headings), {chinese} {Sections(chinese)}");
            Assert.Equal(Commands(english, inline: false).Select(c => string.Join(' ', c.Args)), Commands(chinese, inline: false).Select(c => string.Join(' ', c.Args)));
            Assert.Equal(
                Blocks(english).Count(b => b.Info is "yaml" or "yml" or "json"),
                Blocks(chinese).Count(b => b.Info is "yaml" or "yml" or "json"));
            Assert.Matches(CjkText(), File.ReadAllText(Path.Combine(RepositoryFiles.Root, chinese)));
        }

        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        foreach (var file in GuideFiles())
        {
            Assert.Contains(file.Replace('\\', '/'), readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_extraction_finds_commands_behind_sudo_pipes_and_prompts()
    {
        Assert.Equal(["user", "add", "alice", "--role", "operator", "--password-stdin"],
            CommandsIn("echo 'a-long-passphrase' | sudo -u watchpost watchpost user add alice --role operator --password-stdin").Single());
        Assert.Equal(["camera", "probe", "rtsp://a:b@10.0.0.21/x?y=1&z=2", "--transport", "udp"],
            CommandsIn("$ sudo watchpost camera probe \"rtsp://a:b@10.0.0.21/x?y=1&z=2\" --transport udp   # try UDP").Single());
        Assert.Equal(["provision", "/root/site.yaml"],
            CommandsIn("sudo --preserve-env=A,B watchpost provision /root/site.yaml > /tmp/out.txt").Single());
        Assert.Empty(CommandsIn("mosquitto_sub -L 'mqtt://controller:p@10.0.0.9:1883/watchpost/gate-north-01/alerts' -v"));

        // The check can fail: a misspelt option is an error of the real parser.
        Assert.NotEmpty(WatchpostCli.Create().Parse(["user", "add", "alice", "--rol", "admin"]).Errors);
    }

    private sealed record Block(string File, int Line, string Info, string Text);

    private sealed record DocCommand(int Line, IReadOnlyList<string> Args);

    /// <summary>The fenced code blocks of a guide, with the line of the opening fence and the info string.</summary>
    private static List<Block> Blocks(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file));
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = lines[i].Trim()[3..].Trim().ToLowerInvariant();
            var start = i;
            var text = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                text.Append(lines[i]).Append('\n');
            }

            blocks.Add(new Block(file, start + 1, info, text.ToString()));
        }

        return blocks;
    }

    private static int Sections(string file) =>
        File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file)).Count(l => l.StartsWith("## ", StringComparison.Ordinal));

    /// <summary>Every <c>watchpost ...</c> command of a guide's shell blocks (not its YAML / JSON / text examples) and inline code.</summary>
    private static List<DocCommand> Commands(string file, bool inline = true)
    {
        var commands = new List<DocCommand>();
        foreach (var block in Blocks(file).Where(b => b.Info is "" or "sh" or "bash" or "shell" or "console"))
        {
            var lines = block.Text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                commands.AddRange(CommandsIn(lines[i]).Select(args => new DocCommand(block.Line + 1 + i, args)));
            }
        }

        if (!inline)
        {
            return commands;
        }

        var all = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file));
        var inFence = false;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                foreach (Match span in InlineCommand().Matches(all[i]))
                {
                    commands.AddRange(CommandsIn(span.Groups[1].Value).Select(args => new DocCommand(i + 1, args)));
                }
            }
        }

        return commands;
    }

    /// <summary>The arguments after <c>watchpost</c> of each command on a shell line (after sudo and its options, environment assignments, pipes).</summary>
    private static List<List<string>> CommandsIn(string line)
    {
        var found = new List<List<string>>();
        foreach (var segment in ShellSegments(line.Trim().StartsWith("$ ", StringComparison.Ordinal) ? line.Trim()[2..] : line))
        {
            var i = 0;
            while (i < segment.Count && (segment[i] is "sudo" or "env" || segment[i].StartsWith('-') || EnvironmentAssignment().IsMatch(segment[i])))
            {
                i += segment[i] == "-u" ? 2 : 1;
            }

            if (i < segment.Count && segment[i] == "watchpost")
            {
                found.Add(segment.Skip(i + 1).ToList());
            }
        }

        return found;
    }

    /// <summary>A shell line as words, split into commands at |, ;, &amp;&amp;; quotes removed, a comment or a redirection ends the command.</summary>
    private static List<List<string>> ShellSegments(string line)
    {
        var segments = new List<List<string>> { new() };
        var word = new StringBuilder();
        var inWord = false;
        var skipRest = false;

        void EndWord()
        {
            if (inWord && !skipRest)
            {
                segments[^1].Add(word.ToString());
            }

            word.Clear();
            inWord = false;
        }

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                end = end < 0 ? line.Length : end;
                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    word.Append(line[i] == '\\' && i + 1 < line.Length ? line[++i] : line[i]);
                }

                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                EndWord();
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (c is '|' or ';' || (c == '&' && i + 1 < line.Length && line[i + 1] == '&'))
            {
                EndWord();
                i += c == '&' ? 1 : 0;
                segments.Add([]);
                skipRest = false;
            }
            else if (c is '>' or '<')
            {
                EndWord();
                skipRest = true;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        EndWord();
        return segments;
    }

    /// <summary>A YAML or JSON block as the JSON site file it stands for, with each <c>${NAME}</c> secret kept as written.</summary>
    private static JsonObject SiteExample(Block block)
    {
        if (block.Info == "json")
        {
            return JsonNode.Parse(block.Text)?.AsObject() ?? throw new InvalidDataException("the JSON block is empty");
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(block.Text));
        return ToJson(yaml.Documents.Single().RootNode) as JsonObject ?? throw new InvalidDataException("the YAML block is not a mapping of site sections");
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType} at line {node.Start.Line}"),
    };

    // YAML 1.2's core schema for plain scalars (what the provisioning reader does): null, booleans, numbers; the rest is text.
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ when YamlNumber().IsMatch(text) => JsonValue.Create(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>
    /// Takes the provisioning file's console users out of the site (the site file has no such section) after
    /// checking them as <c>watchpost user add</c> would, and puts a dummy value in for every <c>${NAME}</c>.
    /// </summary>
    private static void CheckConsoleUsers(JsonObject site, string where)
    {
        if (site[ConsoleUsersKey] is JsonArray users)
        {
            foreach (var user in users.Select(u => u!.AsObject()))
            {
                var unknown = user.Select(kv => kv.Key).Except(["name", "role", "password"]).ToList();
                Assert.True(unknown.Count == 0, $"{where}: users[]: unknown keys {string.Join(", ", unknown)}");
                Assert.Matches(UserName(), (string?)user["name"] ?? "");
                Assert.Contains((string?)user["role"], new[] { "viewer", "operator", "admin" });
                Assert.Matches(Secret(), (string?)user["password"] ?? ""); // provision requires it, as ${NAME}
            }

            site.Remove(ConsoleUsersKey);
        }

        var text = Secret().Replace(site.ToJsonString(), m => "dummy-" + m.Groups[1].Value.ToLowerInvariant().Replace('_', '-'));
        foreach (var key in site.Select(kv => kv.Key).ToList())
        {
            site.Remove(key);
        }

        foreach (var (key, value) in JsonNode.Parse(text)!.AsObject().ToList())
        {
            site[key] = value?.DeepClone();
        }
    }

    [GeneratedRegex(@"`((?:sudo )?watchpost [^`]+)`")]
    private static partial Regex InlineCommand();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex EnvironmentAssignment();

    [GeneratedRegex(@"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex YamlNumber();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Secret();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex UserName();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex CjkText();
}
