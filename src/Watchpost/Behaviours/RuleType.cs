using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>One entry of the rule catalogue: the site file's "type", its options class and how to build the rule.</summary>
public abstract class RuleType
{
    public abstract string Name { get; }

    public abstract Type OptionsType { get; }

    /// <summary>A new options object with this type's defaults, for the loader to bind an entry of "rules" into.</summary>
    public abstract RuleOptions NewOptions();

    public abstract IBehaviourRule Create(RuleOptions options, RuleContext context);
}

/// <inheritdoc />
public sealed class RuleType<TOptions>(string name, Func<TOptions, RuleContext, IBehaviourRule> create) : RuleType
    where TOptions : RuleOptions, new()
{
    public override string Name => name;

    public override Type OptionsType => typeof(TOptions);

    public override RuleOptions NewOptions() => new TOptions();

    public override IBehaviourRule Create(RuleOptions options, RuleContext context) => create((TOptions)options, context);
}
