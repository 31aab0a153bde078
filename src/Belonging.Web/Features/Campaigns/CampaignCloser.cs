using Belonging.Data;
using Belonging.Data.Campaigns;

namespace Belonging.Web.Features.Campaigns;

/// <summary>Background job: every few minutes, closes campaigns past their close date (unseal, shuffle, destroy key).</summary>
internal sealed partial class CampaignCloser(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CampaignCloser> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<Guid>> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var closed = await CampaignSchedule.CloseDueAsync(
            scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<BallotBox>(), clock, ct);
        foreach (var id in closed)
        {
            Closed(logger, id);
        }

        foreach (var id in await CampaignSchedule.ReduceParticipationAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), clock, CampaignSchedule.AppealWindow, ct))
        {
            Reduced(logger, id);
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed campaign {CampaignId}: its close date has passed")]
    private static partial void Closed(ILogger logger, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: appeal window over, participation reduced to per-unit counts")]
    private static partial void Reduced(ILogger logger, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing due campaigns failed; will retry")]
    private static partial void Failed(ILogger logger, Exception exception);
}
