using Watchpost.WebConsole.Auth;

namespace Watchpost.Cli.Provisioning;

/// <summary>One entry of the provisioning file's <c>users:</c>, its password taken from a secret.</summary>
/// <param name="Path">"users[2]", for errors.</param>
internal sealed record ProvisionedUser(string Name, ConsoleRole Role, string Password, string Path);
