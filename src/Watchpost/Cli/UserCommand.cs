using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Watchpost.Configuration;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost user add|passwd|remove|list</c>: the console's accounts in <c>&lt;storage.path&gt;/console-users.json</c>
/// (<see cref="ConsoleUserStore"/>). The running service reads that file at each login, so no restart is needed.
/// A generated password is printed once and never stored in clear.
/// </summary>
public static class UserCommand
{
    /// <param name="input">Where --password-stdin reads from; standard input unless a test gives another.</param>
    public static Command Create(TextReader? input = null)
    {
        var command = new Command("user", "The console's users (roles viewer, operator, admin)");
        command.Add(Add(input));
        command.Add(Passwd(input));
        command.Add(Remove());
        command.Add(List());
        return command;
    }

    private static Option<string> ConfigOption() => CommonOptions.Config();

    private static Option<bool> PasswordStdinOption() => new("--password-stdin") { Description = "Read the password from the first line of standard input instead of generating one" };

    private static Command Add(TextReader? input)
    {
        var name = new Argument<string>("name") { Description = "The user name" };
        var role = new Option<string>("--role") { Description = "viewer, operator or admin", Required = true };
        var config = ConfigOption();
        var stdin = PasswordStdinOption();
        var command = new Command("add", "Add a console user; without --password-stdin a strong password is generated and printed once") { name, role, config, stdin };
        command.SetAction(parse => Run(parse, config, (store, output) =>
        {
            var parsedRole = ConsoleUserStore.ParseRole(parse.GetValue(role));
            var (password, generated) = Password(parse.GetValue(stdin), input);
            var user = store.Add(parse.GetRequiredValue(name), parsedRole, password);
            output.WriteLine($"Added console user '{user.Name}' ({ConsoleUserStore.RoleName(user.Role)}) to {store.FilePath}");
            if (generated)
            {
                output.WriteLine($"Password: {password}   (shown only now)");
            }
        }));
        return command;
    }

    private static Command Passwd(TextReader? input)
    {
        var name = new Argument<string>("name") { Description = "The user name" };
        var config = ConfigOption();
        var stdin = PasswordStdinOption();
        var command = new Command("passwd", "Set a console user's password; without --password-stdin a new one is generated and printed once") { name, config, stdin };
        command.SetAction(parse => Run(parse, config, (store, output) =>
        {
            var (password, generated) = Password(parse.GetValue(stdin), input);
            store.SetPassword(parse.GetRequiredValue(name), password);
            output.WriteLine($"Changed the password of console user '{parse.GetRequiredValue(name)}' (its open sessions end)");
            if (generated)
            {
                output.WriteLine($"Password: {password}   (shown only now)");
            }
        }));
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "The user name" };
        var config = ConfigOption();
        var command = new Command("remove", "Remove a console user") { name, config };
        command.SetAction(parse => Run(parse, config, (store, output) =>
        {
            store.Remove(parse.GetRequiredValue(name));
            output.WriteLine($"Removed console user '{parse.GetRequiredValue(name)}' from {store.FilePath}");
        }));
        return command;
    }

    private static Command List()
    {
        var config = ConfigOption();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the console users and their roles (never passwords)") { config, json };
        command.SetAction(parse => Run(parse, config, (store, output) =>
        {
            var users = store.List();
            if (parse.GetValue(json))
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartArray();
                    foreach (var user in users)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", user.Name);
                        writer.WriteString("role", ConsoleUserStore.RoleName(user.Role));
                        writer.WriteString("created_at", user.CreatedAt.UtcDateTime);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                return;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"USER",-24} {"ROLE",-9} CREATED"));
            foreach (var user in users)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{user.Name,-24} {ConsoleUserStore.RoleName(user.Role),-9} {user.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z"));
            }

            if (users.Count == 0)
            {
                output.WriteLine("(none: nobody can log in to the console; add one with `watchpost user add NAME --role admin`)");
            }
        }));
        return command;
    }

    /// <summary>Loads the site for its storage folder and runs the verb; bad input ends with its message and exit code 2.</summary>
    private static int Run(ParseResult parse, Option<string> config, Action<ConsoleUserStore, TextWriter> verb)
    {
        var options = WatchpostOptionsLoader.Load(parse.GetRequiredValue(config));
        try
        {
            verb(new ConsoleUserStore(options.Storage.Path), parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        }
        catch (ConsoleUserException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"watchpost: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static (string Password, bool Generated) Password(bool fromStdin, TextReader? input)
    {
        if (!fromStdin)
        {
            return (ConsoleUserStore.GeneratePassword(), true);
        }

        var line = (input ?? System.Console.In).ReadLine();
        return string.IsNullOrEmpty(line) ? throw new ConsoleUserException("--password-stdin: standard input held no password line") : (line, false);
    }
}
