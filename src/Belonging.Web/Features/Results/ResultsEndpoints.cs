using System.Security.Claims;
using Belonging.Web.Platform;

namespace Belonging.Web.Features.Results;

internal static class ResultsEndpoints
{
    public static WebApplicationBuilder AddResults(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ResultsQuery>();
        builder.Services.AddHostedService<ReleaseWarmer>();
        builder.Services.AddMetrics();
        return builder;
    }

    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/results").WithTags("Results").RequireAuthorization();
        app.MapMetrics();
        api.MapGet("/{campaignId:guid}", OverviewAsync).WithName("GetResults").WithSummary("Scores for one unit (default: your scope), with the previous campaign for comparison.");
        api.MapGet("/{campaignId:guid}/heatmap", HeatmapAsync).WithName("GetHeatmap").WithSummary("Every unit below the scope × components.");
        api.MapGet("/{campaignId:guid}/breakdown", BreakdownAsync).WithName("GetBreakdown").WithSummary("The scope unit split by one reporting attribute, or two crossed (crossedWith), with each group's gap to the rest of the scope (Welch, Cohen's d, Hedges' g, Benjamini–Hochberg).");
        api.MapGet("/{campaignId:guid}/drivers", DriversAsync).WithName("GetDrivers")
            .WithSummary("Which blueprint components explain the sense of belonging in the scope unit: relative weights (Johnson 2000) and general dominance; needs n ≥ 30.");
        api.MapGet("/{campaignId:guid}/export", ExportAsync).WithName("ExportResults")
            .WithSummary("Every released unit below the scope, breakdown and intersection as CSV or XLSX (leaders and admins); hidden cells carry only their reason.");
        api.MapGet("/{campaignId:guid}/anonymity-audit", AuditAsync).WithName("GetAnonymityAudit")
            .WithSummary("The release's proof: rules, k values, cells reported and withheld, and the exact attacker's bounds for every withheld count.");
        api.MapGet("/{campaignId:guid}/comments", CommentsAsync).WithName("GetComments").WithSummary("Organisation-level comments per open question (admins; only when at least k_c people wrote one).");
        return app;
    }

    private static async Task<IResult> AuditAsync(Guid campaignId, ClaimsPrincipal user, ResultsQuery results, CancellationToken ct) =>
        (await results.AuditAsync(campaignId, user, ct)).Match(a => TypedResults.Ok(a.Audit), Map);

    private static async Task<IResult> CommentsAsync(Guid campaignId, ClaimsPrincipal user, ResultsQuery results, CancellationToken ct) =>
        (await results.CommentsAsync(campaignId, user, ct)).Match(
            sets => TypedResults.Ok(sets.Select(s => new
            {
                s.Item.Code,
                s.Item.Text,
                Comments = s.Comments.Match(r => new { Reported = true, N = (int?)r.N, Texts = r.Value, Hidden = (string?)null }, h => new { Reported = false, N = (int?)null, Texts = (IReadOnlyList<string>)[], Hidden = (string?)h.Reason.ToString() }),
            })),
            Map);

    private static async Task<IResult> DriversAsync(Guid campaignId, Guid? unit, ClaimsPrincipal user, ResultsQuery results, CancellationToken ct) =>
        (await results.DriversAsync(campaignId, user, unit, ct)).Match(
            d => TypedResults.Ok(new
            {
                Reliability = d.Reliability.Match(
                    r => r.Value.Select(x => new { Component = x.Component.ToString(), x.Items, Rule = x.Result?.Rule.ToString(), N = x.Result?.Respondents, RawAlpha = x.Result?.RawAlpha, StandardisedAlpha = x.Result?.StandardisedAlpha, OmegaTotal = x.Result?.OmegaTotal }).ToList(),
                    _ => []),
                Drivers = d.Drivers.Match(
                r => r.Value.Match(
                    a => new { Reported = true, N = (int?)a.N, RSquared = (double?)a.RSquared, Drivers = a.Drivers, Hidden = (string?)null, Problem = (string?)null },
                    e => new { Reported = true, N = (int?)null, RSquared = (double?)null, Drivers = (IReadOnlyList<Belonging.Core.Statistics.DriverWeight>)[], Hidden = (string?)null, Problem = (string?)e.Message }),
                h => new { Reported = false, N = (int?)null, RSquared = (double?)null, Drivers = (IReadOnlyList<Belonging.Core.Statistics.DriverWeight>)[], Hidden = (string?)h.Reason.ToString(), Problem = (string?)null }),
            }),
            Map);

    private static async Task<IResult> ExportAsync(Guid campaignId, Guid? unit, string? format, ClaimsPrincipal user, ResultsQuery results, CancellationToken ct)
    {
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            return ErrorResults.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["format"] = ["Use csv or xlsx."] });
        }

        return (await results.ExportScopeAsync(campaignId, user, unit, ct)).Match(
            s => kind == "csv"
                ? (IResult)TypedResults.File(Belonging.Data.Results.ResultsExport.Csv(s.Data, s.Scope), "text/csv; charset=utf-8", $"results-{campaignId:N}.csv")
                : TypedResults.File(Belonging.Data.Results.ResultsExport.Xlsx(s.Data, s.Scope), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"results-{campaignId:N}.xlsx"),
            Map);
    }

    private static IResult Map(Belonging.Core.Error e) => e switch
    {
        ResultsError.NotAllowed => ErrorResults.Problem(e, StatusCodes.Status403Forbidden),
        ResultsError.UnknownGrouping => ErrorResults.Problem(e, StatusCodes.Status400BadRequest),
        _ => ErrorResults.From(e),
    };

    private static async Task<IResult> OverviewAsync(Guid campaignId, Guid? unit, ClaimsPrincipal user, ResultsQuery results, CancellationToken ct) =>
        (await results.OverviewAsync(campaignId, user, unit, ct)).Match(o => TypedResults.Ok(ResultsViews.Overview(o)), Map);

    private static async Task<IResult> HeatmapAsync(Guid campaignId, Guid? unit, int? depth, ClaimsPrincipal user, ResultsQuery results, CancellationToken ct) =>
        (await results.HeatmapAsync(campaignId, user, unit, Math.Clamp(depth ?? 2, 0, 20), ct)).Match(t => TypedResults.Ok(ResultsViews.Table(t)), Map);

    private static async Task<IResult> BreakdownAsync(Guid campaignId, Guid? unit, string? attribute, string? crossedWith, ClaimsPrincipal user, ResultsQuery results, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(attribute)
            ? ErrorResults.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["attribute"] = ["Name the reporting attribute to break down by."] })
            : (await results.BreakdownAsync(campaignId, user, unit, attribute, ct, crossedWith)).Match(t => TypedResults.Ok(ResultsViews.Table(t) with { Gaps = ResultsQuery.Gaps(t).Select(ResultsViews.Gap).ToList() }), Map);
}
