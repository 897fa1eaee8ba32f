namespace Watchpost.Mqtt.State;

/// <summary>One operator's disarm that covers a rule.</summary>
/// <param name="Target">all, camera:&lt;id&gt;, zone:&lt;id&gt;, line:&lt;id&gt; or rule:&lt;id&gt;.</param>
/// <param name="Until">When it re-arms by itself; null until someone arms it.</param>
public sealed record DisarmPayload(string Target, string By, string Reason, DateTime Since, DateTime? Until);
