using Microsoft.Extensions.DependencyInjection;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Behaviours;

public class AddWatchpostRulesTests
{
    [Fact]
    public void The_engines_ask_the_one_arming_service()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new WatchpostOptions { Storage = new StorageOptions { Path = folder.Path } })
            .AddSingleton(TimeProvider.System)
            .AddWatchpostRules();
        using var provider = services.BuildServiceProvider();

        var arming = provider.GetRequiredService<ArmingService>();

        Assert.Same(arming, provider.GetRequiredService<IRuleArming>());
        Assert.Equal(Path.Combine(folder.Path, "arming.json"), arming.StatePath);
    }
}
