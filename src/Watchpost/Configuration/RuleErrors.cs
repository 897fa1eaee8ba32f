namespace Watchpost.Configuration;

/// <summary>Collects what is wrong with one rule, each message prefixed with the rule's place in the file and the field.</summary>
public sealed class RuleErrors(int index, string ruleId, List<string> into)
{
    public void Add(string field, string reason) => into.Add($"rules[{index}] ('{ruleId}').{field}: {reason}");
}
