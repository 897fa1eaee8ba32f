namespace Watchpost.Configuration;

/// <summary>The site configuration cannot be used: says which file and what is wrong with it.</summary>
public sealed class InvalidConfigurationException(string source, string problem)
    : Exception($"configuration {source} is invalid:{Environment.NewLine}  {problem}")
{
    public string ConfigurationSource { get; } = source;
}
