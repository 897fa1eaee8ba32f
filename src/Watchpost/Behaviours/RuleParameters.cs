using System.Reflection;
using System.Text.Json;
using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>The parameter names of a rule type beyond the common ones, as the site file spells them (for help and errors).</summary>
public static class RuleParameters
{
    public static IEnumerable<string> Of(RuleType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.DeclaringType == type.OptionsType && p.CanWrite)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
    }

    /// <summary>The common parameter names (every rule type takes them).</summary>
    public static IEnumerable<string> Common =>
        typeof(RuleOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
}
