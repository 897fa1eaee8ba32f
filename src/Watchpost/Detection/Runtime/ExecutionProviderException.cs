namespace Watchpost.Detection.Runtime;

/// <summary>No execution provider of the configured list could run the model; the message gives each one's reason.</summary>
internal sealed class ExecutionProviderException : Exception
{
    public ExecutionProviderException(string message, IReadOnlyList<ProviderFallback> failures, Exception? inner = null)
        : base(message, inner)
    {
        Failures = failures;
    }

    public ExecutionProviderException()
    {
        Failures = [];
    }

    public ExecutionProviderException(string message)
        : base(message)
    {
        Failures = [];
    }

    public ExecutionProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    public IReadOnlyList<ProviderFallback> Failures { get; }
}
