using Belonging.Data.Campaigns;
using Belonging.Web.Platform;

namespace Belonging.Web.Features.Campaigns;

/// <summary>The release preview of a campaign: which breakdowns will be visible at which levels, from invited counts.</summary>
internal static class ReleasePreviewEndpoints
{
    public static WebApplicationBuilder AddReleasePreview(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReleasePreview>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReleasePreview(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(Auth.Admin)
            .MapGet("/{id:guid}/release-preview", PreviewAsync).WithName("PreviewRelease")
            .WithSummary("What the results would show if everyone invited today answered: per level of the org tree and breakdown, groups shown, too small, and hidden to protect others.");
        return app;
    }

    private static async Task<IResult> PreviewAsync(Guid id, ReleasePreview preview, CancellationToken ct) =>
        (await preview.PreviewAsync(id, ct)).Match(TypedResults.Ok, e => ErrorResults.From(e));
}
