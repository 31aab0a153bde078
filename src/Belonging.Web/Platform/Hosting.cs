using System.Text.Json;
using Belonging.Data.Campaigns;
using Belonging.Web.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Belonging.Web.Platform;

internal static class Hosting
{
    /// <summary>Where <c>dotnet run</c> (Development) listens when the caller names no address.</summary>
    public const string DevelopmentUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        // The launch profile sets no URL: its environment variables override the caller's, so ASPNETCORE_URLS was
        // ignored (issue 10). The Development default lives here instead, below --urls, ASPNETCORE_URLS / URLS,
        // ASPNETCORE_HTTP_PORTS, "Urls" in appsettings and Kestrel:Endpoints, which all win over it.
        var configuration = builder.Configuration;
        if (builder.Environment.IsDevelopment() && string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DevelopmentUrl);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Requests the framework could not read (malformed JSON, a body over the limit) are the client's mistake:
            // their status and a message that names the problem, in every environment, never a 500.
            if (ctx.Exception is BadHttpRequestException bad)
            {
                ctx.ProblemDetails.Status = bad.StatusCode;
                ctx.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The upload is too large." : "The request could not be read.";
                ctx.ProblemDetails.Detail = Describe(bad, ctx.HttpContext);
                ctx.ProblemDetails.Extensions.Remove("exception");
            }
            else if (FormLimit(ctx.Exception) is { } status)
            {
                ctx.ProblemDetails.Status = status;
                ctx.ProblemDetails.Title = status == StatusCodes.Status413PayloadTooLarge ? "The upload is too large." : "The request could not be read.";
                ctx.ProblemDetails.Detail = status == StatusCodes.Status413PayloadTooLarge
                    ? BodyLimits.Message(ctx.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<UploadOptions>>().Value.MaxBytes)
                    : "The form could not be read: " + ctx.Exception!.Message;
                ctx.ProblemDetails.Extensions.Remove("exception");
            }
        });
        builder.Services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : FormLimit(e) ?? StatusCodes.Status500InternalServerError);
        // Binding failures throw (and are described above) in every environment, not only in Development.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Enums travel as their names ("Agreement5", "Open"), which is what people and scripts read and write.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<BallotBoxOptions>().Bind(builder.Configuration.GetSection("BallotBox")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BallotBox>();
        builder.AddTransport();
        builder.AddKeyRing();
        builder.AddRequestForgery();
        builder.AddRateLimits();
        builder.AddBodyLimits();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseTransport();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseBodyLimits();
        app.UseAuthentication();
        app.UseRequestForgery();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }
        else
        {
            // The API reference is for the people who run the instance: admins only outside Development; no Scalar UI
            // (it needs inline script, which the content security policy does not allow).
            app.MapOpenApi().RequireAuthorization(Auth.Admin);
        }

        app.MapGet("/health", () => TypedResults.Ok("ok")).WithName("Health").WithSummary("Liveness probe.").AllowAnonymous();
        return app;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>The multipart reader reports its limits as <see cref="InvalidDataException"/>: body length → 413, other form limits → 400.</summary>
    private static int? FormLimit(Exception? e) => e is InvalidDataException { Message: var m } && m.Contains("limit", StringComparison.OrdinalIgnoreCase)
        ? m.Contains("body length", StringComparison.OrdinalIgnoreCase) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest
        : null;

    private static string Describe(BadHttpRequestException bad, HttpContext http)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
                ?? http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<UploadOptions>>().Value.MaxBytes;
            return BodyLimits.Message(limit);
        }

        return bad.InnerException switch
        {
            JsonException json => $"The request body could not be read as JSON: {json.Message}",
            _ => bad.Message,
        };
    }
}
