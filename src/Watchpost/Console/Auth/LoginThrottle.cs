using System.Threading.RateLimiting;

namespace Watchpost.WebConsole.Auth;

/// <summary>
/// Login attempts per user name (the rate limiter policy <see cref="ConsoleAuthentication.LoginPolicy"/> limits
/// them per client address): <see cref="ConsoleAuthentication.AttemptsPerMinute"/> a minute, so that guessing one
/// account's password from many addresses is as slow as from one.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = ConsoleAuthentication.AttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }), StringComparer.Ordinal);

    public bool TryAcquire(string name)
    {
        using var lease = _limiter.AttemptAcquire(name);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
