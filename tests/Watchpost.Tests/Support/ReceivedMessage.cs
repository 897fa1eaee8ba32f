namespace Watchpost.Tests.Support;

/// <summary>One message an <see cref="MqttTestSubscriber"/> received.</summary>
public sealed record ReceivedMessage(string Topic, string Payload, bool Retain, int QualityOfService);
