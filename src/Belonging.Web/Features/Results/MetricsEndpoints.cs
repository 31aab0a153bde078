using System.Security.Claims;
using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Metrics;
using Belonging.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Features.Results;

/// <summary>A point of a series: a value, or why it is hidden.</summary>
public sealed record SeriesPoint(DateOnly Period, string Label, double? Value, double? Lower, double? Upper, int? N, string? Hidden);

/// <summary>A metric over time (survey outcomes come from campaign releases; organisation metrics from the registry).</summary>
public sealed record MetricSeries(Guid? Id, string Name, string Kind, string Unit, string? Description, bool FromSurveys, IReadOnlyList<SeriesPoint> Points);

/// <summary>Leading and lagging metrics side by side: the registry plus the belonging outcomes of every closed campaign.</summary>
public sealed class MetricsDashboard(AppDbContext db, ResultsQuery results)
{
    public async Task<IReadOnlyList<MetricSeries>> SeriesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var index = new List<SeriesPoint>();
        var stay = new List<SeriesPoint>();
        foreach (var campaign in (await results.VisibleCampaignsAsync(user, ct)).OrderBy(c => c.ClosedAt))
        {
            var overview = await results.OverviewAsync(campaign.Id, user, null, ct);
            if (!overview.IsSuccess)
            {
                continue;
            }

            var period = DateOnly.FromDateTime((campaign.ClosedAt ?? DateTimeOffset.MinValue).UtcDateTime);
            index.Add(Point(period, campaign.Name, overview.Value.Scores, s => s.Index));
            stay.Add(Point(period, campaign.Name, overview.Value.Scores, s => s.IntentToStay));
        }

        var metrics = await db.Metrics.AsNoTracking().OrderBy(m => m.Kind).ThenBy(m => m.Name).ToListAsync(ct);
        var values = (await db.MetricValues.AsNoTracking().ToListAsync(ct)).ToLookup(v => v.MetricId);
        var series = new List<MetricSeries>
        {
            new(null, "Belonging index", MetricKind.Lagging.ToString(), "0–100", "Mean belonging index of your scope in each closed survey, with its 95 % interval.", true, index),
            new(null, "Intend to stay", MetricKind.Lagging.ToString(), "%", "% agreeing they intend to stay, in each closed survey.", true, stay),
        };
        series.AddRange(metrics.Select(m => new MetricSeries(
            m.Id, m.Name, m.Kind.ToString(), m.Unit, m.Description, false,
            values[m.Id].OrderBy(v => v.Period).Select(v => new SeriesPoint(v.Period, v.Period.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), v.Value, null, null, null, null)).ToList())));
        return series;
    }

    private static SeriesPoint Point(DateOnly period, string label, Disclosure<GroupScores> scores, Func<GroupScores, Disclosure<Estimate>> pick) =>
        scores.Match(
            r => pick(r.Value).Match(
                e => new SeriesPoint(period, label, Math.Round(e.Value.Value, 2), Math.Round(e.Value.Interval.Lower, 2), Math.Round(e.Value.Interval.Upper, 2), e.N, null),
                h => new SeriesPoint(period, label, null, null, null, null, h.Reason.ToString())),
            h => new SeriesPoint(period, label, null, null, null, null, h.Reason.ToString()));
}

internal static class MetricsEndpoints
{
    public static IServiceCollection AddMetrics(this IServiceCollection services) =>
        services.AddScoped<MetricRegistry>().AddScoped<MetricsDashboard>();

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/metrics").WithTags("Metrics").RequireAuthorization(Auth.LeaderOrAdmin);
        api.MapGet("/", ListAsync).WithName("GetMetrics").WithSummary("Leading and lagging metrics over time: survey outcomes from closed campaigns (your scope) and the organisation's own metrics.");
        api.MapPost("/", DefineAsync).WithName("DefineMetric").WithSummary("Defines an organisation metric (admins).").RequireAuthorization(Auth.Admin);
        api.MapPut("/{metricId:guid}/values", RecordAsync).WithName("RecordMetricValue").WithSummary("Records or corrects a metric's value for a period (admins).").RequireAuthorization(Auth.Admin);
        return app;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, MetricsDashboard dashboard, CancellationToken ct) =>
        TypedResults.Ok(await dashboard.SeriesAsync(user, ct));

    private static async Task<IResult> DefineAsync(MetricRequest request, MetricRegistry registry, CancellationToken ct) =>
        (await registry.DefineAsync(request, ct)).Match(
            m => (IResult)TypedResults.Created($"/api/metrics/{m.Id}", new { m.Id, m.Name, Kind = m.Kind.ToString(), m.Unit, m.Description }),
            e => ErrorResults.From(e));

    private static async Task<IResult> RecordAsync(Guid metricId, MetricValueRequest request, MetricRegistry registry, CancellationToken ct) =>
        (await registry.RecordAsync(metricId, request, ct)).Match(
            v => (IResult)TypedResults.Ok(new { v.MetricId, v.Period, v.Value }),
            e => ErrorResults.From(e));
}
