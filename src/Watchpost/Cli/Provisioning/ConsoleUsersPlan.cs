using System.Text.Json.Nodes;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// The console users a provisioning file lists, checked and compared with <see cref="ConsoleUserStore"/> (the
/// store `watchpost user` and the console's login use): missing ones are added, a different role is set, a
/// password that does not verify (as a login would check it) is set; users the file does not list are reported
/// and kept, or removed with --prune-users.
/// </summary>
internal sealed class ConsoleUsersPlan
{
    private static readonly string[] Keys = ["name", "role", "password"];

    private ConsoleUsersPlan(IReadOnlyList<ProvisionedUser> users)
    {
        Users = users;
    }

    public IReadOnlyList<ProvisionedUser> Users { get; }

    /// <summary>
    /// Reads and checks <c>users:</c>: each entry's keys, role, name and password as the store checks them (by
    /// adding them to a scratch store, so the rules are the store's own). Problems go to <paramref name="error"/> by path.
    /// </summary>
    public static ConsoleUsersPlan Read(JsonArray users, Action<string, string> error)
    {
        var read = new List<ProvisionedUser>();
        var scratch = Directory.CreateTempSubdirectory("watchpost-provision-");
        try
        {
            var store = new ConsoleUserStore(scratch.FullName);
            for (var i = 0; i < users.Count; i++)
            {
                var path = SourceMap.Item(ProvisioningFile.UsersSection, i);
                if (Entry(users[i], path, error) is { } user)
                {
                    if (read.Any(u => u.Name == user.Name))
                    {
                        error(SourceMap.Child(path, "name"), $"user '{user.Name}' is listed twice");
                        continue;
                    }

                    try
                    {
                        store.Add(user.Name, user.Role, user.Password);
                        read.Add(user);
                    }
                    catch (ConsoleUserException e)
                    {
                        // The store's messages name the rule broken, never the password.
                        error(SourceMap.Child(path, e.Message.StartsWith("password", StringComparison.Ordinal) ? "password" : "name"), e.Message);
                    }
                }
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        return new ConsoleUsersPlan(read);
    }

    /// <summary>What applying would change in the store.</summary>
    /// <exception cref="ConsoleUserException">The store's file is damaged or unreadable.</exception>
    public IReadOnlyList<ProvisionChange> Changes(ConsoleUserStore store, bool prune)
    {
        var changes = new List<ProvisionChange>();
        var existing = store.List();
        foreach (var user in Users)
        {
            var shown = $"user {user.Name}";
            var found = existing.FirstOrDefault(u => u.Name == user.Name);
            if (found is null)
            {
                changes.Add(new ProvisionChange(ProvisionChange.Add, $"{shown} ({ConsoleUserStore.RoleName(user.Role)})"));
                continue;
            }

            if (found.Role != user.Role)
            {
                changes.Add(new ProvisionChange(ProvisionChange.Change, $"{shown}.role", ConsoleUserStore.RoleName(found.Role), ConsoleUserStore.RoleName(user.Role)));
            }

            if (store.Verify(user.Name, user.Password) is null)
            {
                changes.Add(new ProvisionChange(ProvisionChange.Change, $"{shown}.password", SecretReferences.Hidden, SecretReferences.Hidden, "the stored password does not match"));
            }
        }

        foreach (var other in existing.Where(e => Users.All(u => u.Name != e.Name)))
        {
            changes.Add(prune
                ? new ProvisionChange(ProvisionChange.Remove, $"user {other.Name} ({ConsoleUserStore.RoleName(other.Role)})")
                : new ProvisionChange(ProvisionChange.Keep, $"user {other.Name} ({ConsoleUserStore.RoleName(other.Role)})", Note: "not in the provisioning file: kept; --prune-users removes it"));
        }

        return changes;
    }

    /// <summary>Makes the store hold the listed users (a role change re-adds the user with the file's password).</summary>
    /// <exception cref="ConsoleUserException">The store refused (its file unreadable or unwritable).</exception>
    public void Apply(ConsoleUserStore store, IReadOnlyList<ProvisionChange> changes)
    {
        foreach (var user in Users)
        {
            var shown = $"user {user.Name}";
            if (changes.Any(c => c.Kind == ProvisionChange.Add && c.Path.StartsWith(shown + " (", StringComparison.Ordinal)))
            {
                store.Add(user.Name, user.Role, user.Password);
            }
            else if (changes.Any(c => c.Path == $"{shown}.role"))
            {
                // The store has no role edit; its role and password are both the file's, so the account is re-made.
                store.Remove(user.Name);
                store.Add(user.Name, user.Role, user.Password);
            }
            else if (changes.Any(c => c.Path == $"{shown}.password"))
            {
                store.SetPassword(user.Name, user.Password);
            }
        }

        foreach (var removed in changes.Where(c => c.Kind == ProvisionChange.Remove && c.Path.StartsWith("user ", StringComparison.Ordinal)))
        {
            store.Remove(removed.Path["user ".Length..removed.Path.IndexOf(' ', "user ".Length)]);
        }
    }

    private static ProvisionedUser? Entry(JsonNode? node, string path, Action<string, string> error)
    {
        if (node is not JsonObject entry)
        {
            error(path, "expected { name, role, password }");
            return null;
        }

        var ok = true;
        foreach (var (key, _) in entry.Where(p => !Keys.Contains(p.Key, StringComparer.OrdinalIgnoreCase)))
        {
            error(SourceMap.Child(path, key), $"not a field of a user; expected {string.Join(", ", Keys)}");
            ok = false;
        }

        string? Text(string key)
        {
            var value = entry.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text;
            }

            error(value is null ? path : SourceMap.Child(path, key), $"{key}: missing; a user has {string.Join(", ", Keys)}{(key == "password" ? " (as ${ENV_NAME})" : "")}");
            ok = false;
            return null;
        }

        var name = Text("name");
        var roleText = Text("role");
        var password = Text("password");
        ConsoleRole role = default;
        if (roleText is not null)
        {
            try
            {
                role = ConsoleUserStore.ParseRole(roleText);
            }
            catch (ConsoleUserException)
            {
                error(SourceMap.Child(path, "role"), $"'{roleText}' is not a role; expected viewer, operator or admin");
                ok = false;
            }
        }

        return ok && name is not null && password is not null ? new ProvisionedUser(name, role, password, path) : null;
    }
}
