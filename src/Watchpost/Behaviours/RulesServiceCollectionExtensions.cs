using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Watchpost.Behaviours;

public static class RulesServiceCollectionExtensions
{
    /// <summary>
    /// The rules stage: the arming state that operators change at run time (<see cref="ArmingService"/>, kept in
    /// the storage folder), as the <see cref="IRuleArming"/> the camera engines ask. Needs WatchpostOptions and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddWatchpostRules(this IServiceCollection services)
    {
        services.TryAddSingleton<ArmingService>();
        services.TryAddSingleton<IRuleArming>(sp => sp.GetRequiredService<ArmingService>());
        return services;
    }
}
