using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Watchpost.WebConsole.Api;

/// <summary>The API's error answers and its reading of JSON bodies, so that every refusal has the same shape.</summary>
public static class ApiResults
{
    /// <summary>The largest request body the API reads (a note of 2,000 characters fits many times).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IResult Error(int status, string message) => Results.Json(new ApiError(message), statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    /// <summary>
    /// The request's JSON body as <typeparamref name="T"/>; an empty body is <paramref name="empty"/> (null when the
    /// endpoint needs one). Malformed JSON is a 400 naming what was wrong, never the framework's HTML page.
    /// </summary>
    public static async Task<(T? Body, IResult? Refusal)> ReadBodyAsync<T>(HttpContext http, T? empty = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength is > MaxBodyBytes)
        {
            return (null, BadRequest($"the request body is {http.Request.ContentLength} bytes; at most {MaxBodyBytes} are read"));
        }

        // A chunked body has no length to check first: Kestrel stops reading it past the limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        using var buffer = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            return (null, BadRequest($"the request body is over {MaxBodyBytes} bytes"));
        }

        if (buffer.Length == 0)
        {
            return empty is null ? (null, BadRequest("the request needs a JSON body")) : (empty, null);
        }

        if (buffer.Length > MaxBodyBytes)
        {
            return (null, BadRequest($"the request body is over {MaxBodyBytes} bytes"));
        }

        try
        {
            var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var body = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            return body is null ? (null, BadRequest("the request body is JSON null; an object was expected")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"the request body is not the JSON object expected: {e.Message}"));
        }
    }
}
