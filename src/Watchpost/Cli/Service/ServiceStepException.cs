namespace Watchpost.Cli.Service;

/// <summary>A step of <c>watchpost service</c> failed (exit code 1); the message names the step and why.</summary>
public sealed class ServiceStepException : Exception
{
    public ServiceStepException(string message)
        : base(message)
    {
    }

    public ServiceStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceStepException()
    {
    }
}
