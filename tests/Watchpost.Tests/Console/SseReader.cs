namespace Watchpost.Tests.Console;

/// <summary>Reads a Server-Sent Events response message by message (id, event, data, or a comment), as a browser would.</summary>
internal sealed class SseReader(HttpResponseMessage response, Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    public HttpResponseMessage Response { get; } = response;

    public static async Task<SseReader> OpenAsync(HttpClient http, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next message, or null when the response ended; comments (": ping") come as a message with only <see cref="SseMessage.Comment"/>.</summary>
    public async Task<SseMessage?> NextAsync(TimeSpan timeout, bool skipComments = true)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? id = null, name = null, data = null, comment = null;
        while (await _reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (id is null && name is null && data is null && (comment is null || skipComments))
                {
                    comment = null;
                    continue;   // retry:, or a comment skipped
                }

                return new SseMessage(id, name, data, comment);
            }

            if (line.StartsWith(':'))
            {
                comment = line[1..].Trim();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return null;
    }

    public void Dispose()
    {
        _reader.Dispose();
        Response.Dispose();
    }
}
