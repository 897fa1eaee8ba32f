using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Watchpost.Mqtt.Commands;

public static class CommandsServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT commands: the router over the shared <see cref="IMqttConnection"/> and one handler per verb. A new
    /// command is one <see cref="ICommandHandler"/> class and one line here. Handlers find their stage's service
    /// when it is registered (event operations, relays, the audit log) and refuse with the reason when not.
    /// </summary>
    public static IServiceCollection AddWatchpostCommands(this IServiceCollection services)
    {
        services.AddSingleton<ICommandHandler, ArmCommand>();
        services.AddSingleton<ICommandHandler, DisarmCommand>();
        services.AddSingleton<ICommandHandler, AckCommand>();
        services.AddSingleton<ICommandHandler, ResolveCommand>();
        services.AddSingleton<ICommandHandler, RelayCommand>();
        services.AddSingleton<ICommandHandler, SnapshotCommand>();
        services.AddSingleton<ICommandHandler, ReloadCommand>();
        services.AddSingleton<ICommandHandler, PingCommand>();
        services.TryAddSingleton<CommandRouter>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandRouter>());
        return services;
    }
}
