using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Belonging.Web.Platform;

/// <summary>
/// CSRF defence for every cookie-authenticated state change (ADR 10): a POST, PUT, PATCH or DELETE that carries a
/// signed-in cookie must come from this site (Origin, when sent, is the public base URL's origin; Sec-Fetch-Site is not
/// cross-site or same-site) and carry the session's antiforgery token — in the form field for browser forms, in the
/// <c>X-CSRF-TOKEN</c> header for the JSON API. Endpoints that declare <c>DisableAntiforgery()</c> opt out; only the
/// anonymous answer endpoint does, whose credential is the link token, not the cookie.
/// </summary>
internal static class RequestForgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static WebApplicationBuilder AddRequestForgery(this WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.Cookie.Name = production ? "__Host-belonging.csrf" : "belonging.csrf";
            o.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });
        return builder;
    }

    /// <summary>Runs after authentication, before the endpoints (and before the framework's own form antiforgery check).</summary>
    public static WebApplication UseRequestForgery(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method) && !HttpMethods.IsTrace(http.Request.Method)
                && http.User.Identity?.IsAuthenticated == true
                && http.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: false })
            {
                if (ForeignOrigin(http) is { } origin)
                {
                    await RefuseAsync(http, StatusCodes.Status403Forbidden, "request.foreign_origin",
                        $"This request came from another site ({origin}); state-changing requests are accepted only from this site's own pages.");
                    return;
                }

                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    await RefuseAsync(http, StatusCodes.Status400BadRequest, "request.antiforgery",
                        $"The antiforgery token is missing or not valid for this session. Forms carry it in a hidden field; API clients get it from GET /api/account/antiforgery and send it in the {HeaderName} header.");
                    return;
                }
            }

            await next(http);
        });
        return app;
    }

    private static string? ForeignOrigin(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        var origin = http.Request.Headers.Origin.ToString();
        if (site is "cross-site" or "same-site")
        {
            return origin.Length > 0 ? origin : site;
        }

        if (origin.Length == 0)
        {
            return null;
        }

        var own = http.RequestServices.GetRequiredService<PublicUrl>().Origin(http);
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : origin;
    }

    private static async Task RefuseAsync(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = "The request was refused.",
                Detail = detail,
                Type = $"https://belonging.dev/problems/{code}",
                Extensions = { ["code"] = code },
            },
        });
    }
}
