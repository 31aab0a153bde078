using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Belonging.Web.Platform;

/// <summary>Bound from the "Uploads" section.</summary>
public sealed class UploadOptions
{
    /// <summary>Largest request body (uploads included), in bytes: enough for a 100,000-person roster.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
}

/// <summary>A smaller body limit for one endpoint group than the server-wide upload limit.</summary>
/// <param name="MaxBytes">Largest body in bytes.</param>
internal sealed record BodyLimit(long MaxBytes);

/// <summary>
/// Request body limits: the server-wide upload limit (Kestrel and multipart forms), and per-endpoint <see cref="BodyLimit"/>
/// metadata. A body declared too large is refused before it is read, with a short 413 problem; one that turns out too
/// large while streaming is refused by the server (mapped to the same 413 in <see cref="Hosting"/>).
/// </summary>
internal static class BodyLimits
{
    public static WebApplicationBuilder AddBodyLimits(this WebApplicationBuilder builder)
    {
        var uploads = builder.Configuration.GetSection("Uploads").Get<UploadOptions>() ?? new UploadOptions();
        builder.Services.Configure<UploadOptions>(builder.Configuration.GetSection("Uploads"));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = uploads.MaxBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = uploads.MaxBytes);
        return builder;
    }

    public static WebApplication UseBodyLimits(this WebApplication app)
    {
        var uploads = app.Configuration.GetSection("Uploads").Get<UploadOptions>() ?? new UploadOptions();
        app.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.MaxBytes ?? uploads.MaxBytes;
            if (http.Request.ContentLength is { } length && length > limit)
            {
                await TooLargeAsync(http, limit);
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(http);
        });
        return app;
    }

    public static string Message(long limit) =>
        $"The request body is larger than the {Size(limit)} this endpoint accepts. Nothing was stored.";

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024} KB");

    private static async Task TooLargeAsync(HttpContext http, long limit)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // The unread body is not drained: the connection closes after this short reply.
        http.Response.Headers.Connection = "close";
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The upload is too large.",
                Detail = Message(limit),
                Type = "https://belonging.dev/problems/request.too_large",
                Extensions = { ["code"] = "request.too_large" },
            },
        });
    }
}
