namespace Watchpost.Mqtt.Broker;

/// <summary>The credentials file of the embedded broker cannot be read or written; the message names the file and what to do.</summary>
public sealed class MqttCredentialsException : Exception
{
    public MqttCredentialsException()
    {
    }

    public MqttCredentialsException(string message)
        : base(message)
    {
    }

    public MqttCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
