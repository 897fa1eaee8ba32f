namespace Watchpost.Tests.Support;

/// <summary>A fact that needs root (chown, useradd --prefix); reported as skipped, with the reason, otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = $"needs root (chown and useradd --prefix under a temporary root); this runs as {Environment.UserName}";
        }
    }
}
