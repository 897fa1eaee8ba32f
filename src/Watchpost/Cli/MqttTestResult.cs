namespace Watchpost.Cli;

/// <summary><c>watchpost mqtt test --json</c>: how the round trip went, or why it failed (with a hint for the installer).</summary>
internal sealed record MqttTestResult(
    bool Ok, string Broker, bool Embedded, string? Username, string Topic, double? ConnectMs, double? RoundTripMs,
    bool? ServiceAnswered, string? Failure, string? Error, string? Hint);
