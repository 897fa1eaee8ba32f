using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Watchpost.WebConsole.Editor;

/// <summary>
/// The site editor's save needs the antiforgery token in the X-Watchpost-Csrf header (the contract's rule for
/// every change): a JSON request is not checked by the antiforgery middleware, which looks only at forms.
/// </summary>
internal sealed class EditorAntiforgeryFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.BadRequest(new EditorError("the antiforgery token (header X-Watchpost-Csrf, from GET /api/session) is missing or does not belong to this session: reload the page"));
        }

        return await next(context);
    }
}
