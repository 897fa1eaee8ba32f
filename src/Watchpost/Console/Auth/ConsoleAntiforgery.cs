using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.WebConsole.Api;

namespace Watchpost.WebConsole.Auth;

/// <summary>
/// Antiforgery for the console's JSON APIs. <c>UseAntiforgery</c> checks only endpoints that bind a form, so every
/// POST, PUT and DELETE of the API takes <see cref="RequireConsoleAntiforgery{TBuilder}"/>: the token from
/// <c>GET /api/session</c> must come back in the <see cref="HeaderName"/> header, or the answer is 400 and nothing runs.
/// </summary>
public static class ConsoleAntiforgery
{
    public const string HeaderName = "X-Watchpost-Csrf";

    /// <summary>Refuses a changing request (POST, PUT, PATCH, DELETE) without a valid antiforgery header with 400 <c>{"error"}</c>.</summary>
    public static TBuilder RequireConsoleAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            {
                return await next(context);
            }

            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest,
                    $"the {HeaderName} header is missing or does not match this session: reload the page (it reads the token from /api/session)");
            }

            return await next(context);
        });
}
