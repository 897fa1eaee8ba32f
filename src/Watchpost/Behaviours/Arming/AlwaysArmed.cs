namespace Watchpost.Behaviours;

/// <summary>No operator overrides: for evaluation and tests.</summary>
public sealed class AlwaysArmed : IRuleArming
{
    public static AlwaysArmed Instance { get; } = new();

    public bool IsArmed(RuleIdentity rule) => true;
}
