using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Configuration;
using Watchpost.WebConsole.Auth;
using Watchpost.WebConsole.Live;
using Watchpost.WebConsole.Shell;

// The namespace is WebConsole, not Console, so that it does not hide System.Console inside Watchpost.
namespace Watchpost.WebConsole;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The console stage's services (its endpoints are mapped by <see cref="ConsoleEndpoints.MapConsole"/>): the API
    /// writes states as camelCase words ("streaming", "disarmedByOperator"), not enum numbers that a reader would have to look up; logins,
    /// roles and host filtering come from <see cref="ConsoleAuthentication"/>.
    /// </summary>
    public static IServiceCollection AddWatchpostConsole(this IServiceCollection services, WatchpostOptions options)
    {
        services.AddWatchpostConsoleAuthentication(options);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton<ConsoleAssets>();
        services.AddSingleton<LiveChanges>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveChanges>());
        return services;
    }
}
