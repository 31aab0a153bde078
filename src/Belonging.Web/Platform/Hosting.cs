using Belonging.Data.Campaigns;
using Belonging.Web.Components;
using Scalar.AspNetCore;

namespace Belonging.Web.Platform;

internal static class Hosting
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        // Enums travel as their names ("Agreement5", "Open"), which is what people and scripts read and write.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<BallotBoxOptions>().Bind(builder.Configuration.GetSection("BallotBox")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BallotBox>();
        // Uploads: large enough for a 100,000-person roster, small enough that a hostile upload is refused early.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapGet("/health", () => TypedResults.Ok("ok")).WithName("Health").WithSummary("Liveness probe.").AllowAnonymous();
        return app;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        return app;
    }
}
