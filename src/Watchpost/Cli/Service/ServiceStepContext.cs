namespace Watchpost.Cli.Service;

/// <summary>What a step applies with: the system calls, the accounts of the (possibly temporary) root, the wait limit.</summary>
internal sealed record ServiceStepContext(ISystemCalls System, AccountDatabase Accounts, TimeSpan Timeout);
