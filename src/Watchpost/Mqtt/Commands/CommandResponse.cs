using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watchpost.Mqtt.Commands;

/// <summary>
/// The reply to one command, as published on <c>cmd/&lt;verb&gt;/result</c> and on the request's response topic:
/// <c>{"request_id", "ok", "error" (when not ok), "result" (when ok)}</c>.
/// </summary>
public sealed record CommandResponse(string Verb, string? RequestId, bool Ok, string? Error, JsonObject? Result)
{
    public static CommandResponse Success(string verb, string? requestId, JsonObject result) => new(verb, requestId, true, null, result);

    public static CommandResponse Failure(string verb, string? requestId, string error) => new(verb, requestId, false, error, null);

    public byte[] ToJsonBytes()
    {
        var json = new JsonObject
        {
            ["request_id"] = RequestId,
            ["ok"] = Ok,
        };
        if (Ok)
        {
            json["result"] = Result?.DeepClone() ?? new JsonObject();
        }
        else
        {
            json["error"] = Error;
        }

        return JsonSerializer.SerializeToUtf8Bytes(json);
    }
}
