namespace Belonging.Data.Campaigns;

/// <summary>
/// The one stored participation figure of a campaign: taken at most once per day (UTC) and served unchanged until the
/// next day, so an admin cannot watch single answers arrive. <see cref="Responded"/> is exact; <see cref="Released"/>
/// is what is shown (noisy when noisy live counts are on).
/// </summary>
public sealed class ParticipationSnapshot
{
    private ParticipationSnapshot()
    {
    }

    public ParticipationSnapshot(Guid campaignId) => CampaignId = campaignId;

    public Guid CampaignId { get; private set; }

    /// <summary>The day the figures were taken (also the optimistic-concurrency token: one snapshot per day wins).</summary>
    public DateOnly TakenOn { get; private set; }

    public int Invited { get; private set; }

    /// <summary>Exact responded count at <see cref="TakenOn"/>; decides whether the group reaches k.</summary>
    public int Responded { get; private set; }

    /// <summary>The responded figure shown: exact, or exact plus noise under noisy live counts.</summary>
    public int Released { get; private set; }

    /// <summary>True when <see cref="Released"/> carries noise.</summary>
    public bool Noisy { get; private set; }

    /// <summary>True when noise was on but the budget could not pay, so <see cref="Released"/> repeats the last noisy release.</summary>
    public bool BudgetExhausted { get; private set; }

    public void Take(DateOnly on, int invited, int responded, int released, bool noisy, bool budgetExhausted)
    {
        TakenOn = on;
        Invited = invited;
        Responded = responded;
        Released = released;
        Noisy = noisy;
        BudgetExhausted = budgetExhausted;
    }
}
