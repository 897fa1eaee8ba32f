namespace Watchpost.Tests.Support;

/// <summary>
/// The browser tests and the console's load measurements share one chromium and run one after another, alone
/// (not beside the rest of the suite): they measure delays and memory, which other tests' CPU and allocations
/// would blur, and the appliance they run is in this process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
