using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Watchpost.Behaviours;

public static class RulesServiceCollectionExtensions
{
    /// <summary>The rules stage: the arming state that operators change at run time.</summary>
    public static IServiceCollection AddWatchpostRules(this IServiceCollection services)
    {
        services.TryAddSingleton<IRuleArming>(AlwaysArmed.Instance);
        return services;
    }
}
