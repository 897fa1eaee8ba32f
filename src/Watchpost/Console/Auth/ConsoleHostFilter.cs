using System.Net;
using Microsoft.AspNetCore.Http;
using Watchpost.Configuration;

namespace Watchpost.WebConsole.Auth;

/// <summary>
/// Against DNS rebinding: a page on an attacker's domain that resolves to this box would reach the console with
/// the attacker's host name in the Host header, so only these names are answered (400 for any other): the hosts
/// of console.publicUrl and console.listen, "localhost", and IP literals (a browser sends an address only when it
/// was given one, which a rebinding attack cannot do).
/// </summary>
internal sealed class ConsoleHostFilter(RequestDelegate next, HashSet<string> allowed)
{
    public static HashSet<string> AllowedHosts(ConsoleOptions console)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
        foreach (var url in new[] { console.Listen, console.PublicUrl })
        {
            // Kestrel's wildcards ("http://+:80", "http://*:80") are not URIs a browser would use.
            if (url is not null && Uri.TryCreate(url.Replace("://+", "://wildcard", StringComparison.Ordinal).Replace("://*", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                && uri.Host != "wildcard")
            {
                hosts.Add(uri.Host.Trim('[', ']'));
            }
        }

        return hosts;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host.Trim('[', ']');
        if (host.Length > 0 && (allowed.Contains(host) || IPAddress.TryParse(host, out _)))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsync("Host not allowed: this console answers only to the names in console.publicUrl and console.listen");
    }
}
