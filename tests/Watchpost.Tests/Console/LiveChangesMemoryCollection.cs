namespace Watchpost.Tests.Console;

/// <summary>Runs <see cref="LiveChangesMemoryTests"/> after the parallel tests, alone.</summary>
[CollectionDefinition(LiveChangesMemoryTests.Alone, DisableParallelization = true)]
public sealed class LiveChangesMemoryCollection;
