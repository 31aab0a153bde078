using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Belonging.Web.Platform;

/// <summary>Bound from the "RateLimits" section: requests per minute per client address for each limited kind of request.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts (page and API).</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Answer submissions (page and API). Generous: a whole office may answer from one NAT address at once.</summary>
    public int AnswersPerMinute { get; set; } = 600;

    /// <summary>File uploads (roster and policies, page and API).</summary>
    public int UploadsPerMinute { get; set; } = 10;
}

/// <summary>
/// One global limiter, so pages and API share a budget: POSTs to sign-in, answer and upload routes are counted per
/// client address (after forwarded headers) in one-minute windows; everything else is unlimited. Refusals are 429 with
/// problem details and Retry-After.
/// </summary>
internal static class RateLimits
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var (kind, permits) = Classify(http, limits);
                if (kind is null)
                {
                    return RateLimitPartition.GetNoLimiter("none");
                }

                var key = kind + ":" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = "Too many requests of this kind from your address in the last minute. Wait a minute and try again.",
                        Type = "https://belonging.dev/problems/request.rate_limited",
                        Extensions = { ["code"] = "request.rate_limited" },
                    },
                });
            };
        });
        return builder;
    }

    private static (string? Kind, int Permits) Classify(HttpContext http, RateLimitOptions limits)
    {
        if (!HttpMethods.IsPost(http.Request.Method) && !HttpMethods.IsPut(http.Request.Method))
        {
            return (null, 0);
        }

        var path = http.Request.Path;
        if (path.Equals("/login", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/account/login", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/account/forgot-password", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/account/password-reset", StringComparison.OrdinalIgnoreCase))
        {
            return ("sign-in", limits.SignInPerMinute);
        }

        if (path.StartsWithSegments("/api/answers", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase))
        {
            return ("answers", limits.AnswersPerMinute);
        }

        if (path.Equals("/api/roster/import", StringComparison.OrdinalIgnoreCase) || path.Equals("/admin/roster", StringComparison.OrdinalIgnoreCase)
            || ((path.Equals("/api/policies", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/policies/", StringComparison.OrdinalIgnoreCase) || path.Equals("/policies", StringComparison.OrdinalIgnoreCase)) && http.Request.HasFormContentType))
        {
            return ("uploads", limits.UploadsPerMinute);
        }

        return (null, 0);
    }
}
