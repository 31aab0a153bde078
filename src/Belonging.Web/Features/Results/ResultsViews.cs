using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using Belonging.Data.Results;

namespace Belonging.Web.Features.Results;

/// <summary>A cell as the API shows it: a value with its n, or only the reason it is hidden.</summary>
public sealed record CellView(bool Reported, double? Value, int? N, string? Hidden, double? Lower = null, double? Upper = null);

public sealed record ItemView(string Code, string Text, bool Reported, int? N, double? Favourable, double? Neutral, double? Unfavourable, double? Mean, string? Hidden);

public sealed record ComponentView(string Component, CellView Index);

public sealed record RecommendView(bool Reported, int? N, double? Promoters, double? Passives, double? Detractors, double? Score, string? Hidden);

/// <summary>A group's scores as the API shows them.</summary>
/// <param name="Reported">False when the group is hidden (only <paramref name="Hidden"/> is set).</param>
/// <param name="Respondents">People who answered.</param>
/// <param name="Hidden">Why the group is hidden.</param>
/// <param name="Index">Belonging index.</param>
/// <param name="Components">Index per blueprint component.</param>
/// <param name="Belonging">Sense-of-belonging outcome.</param>
/// <param name="IntentToStay">% intending to stay.</param>
/// <param name="Recommend">Recommend score.</param>
/// <param name="Items">Each question's distribution.</param>
/// <param name="Precision">Points the mean figures are rounded to (1, or 2–25 for small groups and groups that changed by a few people since the last survey); null when hidden.</param>
public sealed record GroupView(
    bool Reported, int? Respondents, string? Hidden, CellView? Index, IReadOnlyList<ComponentView>? Components,
    CellView? Belonging, CellView? IntentToStay, RecommendView? Recommend, IReadOnlyList<ItemView>? Items, double? Precision = null);

public sealed record OverviewView(Guid CampaignId, string Campaign, Guid UnitId, string Unit, int K, GroupView Scores, GroupView? Previous, string? PreviousCampaign);

public sealed record RowView(Guid? UnitId, string Label, int Depth, GroupView Scores);

public sealed record TableView(Guid CampaignId, string Campaign, Guid ScopeUnitId, string Scope, string? Attribute, int K, IReadOnlyList<RowView> Rows)
{
    /// <summary>Each group's gap to the rest of the scope (breakdowns only).</summary>
    public IReadOnlyList<GapView>? Gaps { get; init; }
}

/// <summary>A difference with its 95 % interval, raw p and effect sizes.</summary>
public sealed record ComparisonView(double Difference, double Lower, double Upper, double P, double CohensD, double HedgesG);

/// <summary>One row of a gap table; hidden groups carry only the reason. <c>Precision</c>: points the group's figures are rounded to.</summary>
public sealed record GapView(string Label, CellView Index, ComparisonView? VsRest, ComparisonView? VsWhole, ComparisonView? FavourableVsRest, double? AdjustedP, bool Significant, string? NotCompared, double Precision);

/// <summary>Maps disclosures to API shapes. Every mapping goes through <c>Match</c>: a hidden cell has no value and no n.</summary>
internal static class ResultsViews
{
    public static CellView Cell(Disclosure<Estimate> d) =>
        d.Match(
            r => new CellView(true, Math.Round(r.Value.Value, 4), r.N, null, Math.Round(r.Value.Interval.Lower, 4), Math.Round(r.Value.Interval.Upper, 4)),
            s => new CellView(false, null, null, s.Reason.ToString()));

    public static GroupView Group(Disclosure<GroupScores> d, CampaignData data) => d.Match(
        r => new GroupView(
            true,
            r.N,
            null,
            Cell(r.Value.Index),
            r.Value.Components.Select(c => new ComponentView(c.Component.ToString(), Cell(c.Index))).ToList(),
            Cell(r.Value.BelongingOutcome),
            Cell(r.Value.IntentToStay),
            r.Value.Recommend.Match(
                x => new RecommendView(true, x.N, Math.Round(x.Value.PercentPromoters, 4), Math.Round(x.Value.PercentPassives, 4), Math.Round(x.Value.PercentDetractors, 4), Math.Round(x.Value.Score, 4), null),
                s => new RecommendView(false, null, null, null, null, null, s.Reason.ToString())),
            r.Value.Items.Select(i => Item(i, data)).ToList(),
            r.Value.Precision),
        s => new GroupView(false, null, s.Reason.ToString(), null, null, null, null, null, null));

    private static ItemView Item(ItemScore score, CampaignData data)
    {
        var info = data.Items.First(i => i.Position == score.Position);
        // The mean (1–5) is the question's score figure, shown in more cells than its three groups.
        double? mean = score.Score is Reported<double> m ? Math.Round(1 + (m.Value / 25), 4) : null;
        return score.Distribution.Match(
            r => new ItemView(info.Code, info.Text, true, r.N, Math.Round(r.Value.PercentFavourable, 4), Math.Round(r.Value.PercentNeutral, 4), Math.Round(r.Value.PercentUnfavourable, 4), mean, null),
            s => new ItemView(info.Code, info.Text, false, score.Score is Reported<double> n ? n.N : null, null, null, null, mean, s.Reason.ToString()));
    }

    public static ComparisonView? Comparison(Comparison? c) => c is null ? null :
        new(Math.Round(c.Difference, 4), Math.Round(c.Interval.Lower, 4), Math.Round(c.Interval.Upper, 4), c.P, Math.Round(c.EffectSize, 4), Math.Round(c.HedgesG, 4));

    public static GapView Gap(GapRow g) =>
        new(g.Label, Cell(g.Index), Comparison(g.VsRest), Comparison(g.VsWhole), Comparison(g.FavourableVsRest), g.AdjustedP, g.Significant, g.NotCompared, g.Precision);

    public static OverviewView Overview(Overview o) =>
        new(o.Campaign.CampaignId, o.Campaign.Name, o.Unit.Id, o.Unit.Name, o.Campaign.K, Group(o.Scores, o.Campaign),
            o.Previous is null ? null : Group(o.Previous.Scores, o.Previous.Campaign), o.Previous?.Campaign.Name);

    public static TableView Table(Table t) =>
        new(t.Campaign.CampaignId, t.Campaign.Name, t.Scope.Id, t.Scope.Name, t.Attribute, t.Campaign.K,
            t.Rows.Select(r => new RowView(r.UnitId, r.Label, r.Depth, Group(r.Scores, t.Campaign))).ToList());

    public static string ComponentName(BlueprintComponent c) => c switch
    {
        BlueprintComponent.LeadershipVision => "Leadership & vision",
        BlueprintComponent.PsychologicalSafety => "Psychological safety",
        BlueprintComponent.InclusiveInfrastructure => "Inclusive policies",
        BlueprintComponent.MeaningfulConnection => "Connection & community",
        BlueprintComponent.ContinuousLearning => "Learning & unlearning",
        BlueprintComponent.MeasurementAccountability => "Feedback & accountability",
        _ => c.ToString(),
    };
}
