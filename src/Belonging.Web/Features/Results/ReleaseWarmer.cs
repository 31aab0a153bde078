using Belonging.Data;
using Belonging.Data.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Features.Results;

/// <summary>Computes the releases of closed campaigns once after start, so the first results page does not wait for them.</summary>
internal sealed partial class ReleaseWarmer(IServiceScopeFactory scopes, ILogger<ReleaseWarmer> logger) : BackgroundService
{
    /// <summary>Idempotent: releases are cached, so a second run only re-reads them.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var results = scope.ServiceProvider.GetRequiredService<ResultsQuery>();
        var closed = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Closed).Select(c => c.Id).ToListAsync(ct);
        var warmed = 0;
        foreach (var id in closed)
        {
            warmed += (await results.WarmAsync(id, ct)).IsSuccess ? 1 : 0;
        }

        return warmed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var count = await RunOnceAsync(stoppingToken);
            Warmed(logger, count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Computed the releases of {Count} closed campaigns")]
    private static partial void Warmed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming releases failed; they will be computed on first view")]
    private static partial void Failed(ILogger logger, Exception exception);
}
