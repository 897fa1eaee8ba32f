using Watchpost.Configuration;

namespace Watchpost.Tests.Support;

/// <summary>A fact about what verbs do when no site file is at the default path: skipped, saying so, on a machine that has one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NoDefaultSiteFileFactAttribute : FactAttribute
{
    public NoDefaultSiteFileFactAttribute()
    {
        if (File.Exists(WatchpostOptionsLoader.DefaultPath))
        {
            Skip = $"this machine has a site file at {WatchpostOptionsLoader.DefaultPath}, so the built-in fallback cannot be seen here";
        }
    }
}
