using Belonging.Core.Statistics;

namespace Belonging.Core.Surveys;

/// <summary>
/// The sufficient statistics of one group's scores: everything <see cref="GroupScoring"/> computes a
/// <see cref="GroupScores"/> from, without the answer sets. Stored per reported cell at close so that the
/// per-respondent rows can be deleted (ADR 9); a figure absent here is scored as if nobody answered it, so a stored
/// copy keeps only the figures the release publishes (<see cref="Published(IReadOnlyList{ScoredItem}, Func{string, bool}, int, double)"/>).
/// </summary>
/// <param name="Respondents">People in the group.</param>
/// <param name="Items">Per agreement item (by position): the counts of keyed answers 1..5.</param>
/// <param name="Components">Per blueprint component: n, mean and sample variance of respondents' component scores (0–100).</param>
/// <param name="Index">Respondents' belonging index (0–100) over all component items; null when absent.</param>
/// <param name="Favourable">Respondents' share of favourable component answers (0–100); null when absent.</param>
/// <param name="Belonging">Respondents' sense-of-belonging outcome score (0–100); null when absent.</param>
/// <param name="Recommend">Promoters, passives and detractors on the 0–10 recommend item; null when absent.</param>
/// <param name="IntentToStay">Favourable answers and answers over the intent-to-stay items; null when absent.</param>
/// <param name="TooFew">Figures a report shows as answered by fewer than k (without their n); null when none.</param>
/// <param name="ItemScores">Per agreement item: its answers (N) and its 0–100 score as published (Mean, rounded; variance 0, not kept), once <see cref="Rounded"/> has folded <see cref="Items"/> into unfavourable / neutral / favourable; null before. A question's score may be kept where its counts are not.</param>
public sealed record GroupStatistics(
    int Respondents,
    IReadOnlyDictionary<int, int[]> Items,
    IReadOnlyDictionary<BlueprintComponent, SampleSummary> Components,
    SampleSummary? Index,
    SampleSummary? Favourable,
    SampleSummary? Belonging,
    int[]? Recommend,
    int[]? IntentToStay = null,
    IReadOnlyList<string>? TooFew = null,
    IReadOnlyDictionary<int, SampleSummary>? ItemScores = null)
{
    /// <summary>Name of the intent-to-stay figure in <see cref="TooFew"/> (it is released where each of its items is, so it has no release id).</summary>
    public const string IntentToStayFigure = "intent-to-stay";

    /// <summary>
    /// Keeps only the figures that a report of this group shows as numbers: those <paramref name="released"/> allows
    /// (figure ids of <see cref="GroupScoring.Figures"/>) and that at least <paramref name="k"/> people answered. The
    /// rest are dropped with their n, so a stored copy says nothing about a withheld figure, not even how many answered;
    /// a released figure answered by 1..k − 1 is only named in <see cref="TooFew"/>, as the report shows it ("too few
    /// answers"; the campaign release never shows such a figure, so in practice the list is empty).
    /// </summary>
    /// <param name="items">The instrument's items (to name the recommend item's figure).</param>
    /// <param name="released">The release's decision per figure id in this group's cell.</param>
    /// <param name="k">The minimum group size.</param>
    /// <returns>The reduced statistics.</returns>
    public GroupStatistics Published(IReadOnlyList<ScoredItem> items, Func<string, bool> released, int k) => Published(items, released, k, Privacy.ValueWindow.Precision);

    /// <summary>
    /// As <see cref="Published(IReadOnlyList{ScoredItem}, Func{string, bool}, int)"/>, with every mean figure's mean and
    /// standard deviation rounded to <paramref name="precision"/> points, as the release publishes them: a stored copy
    /// holds no finer value than people read, so two stored releases subtracted give the changed people's answers no
    /// more precisely than the two published ones (docs/methods/cross-release.md).
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="released">The release's decision per figure id in this group's cell.</param>
    /// <param name="k">The minimum group size.</param>
    /// <param name="precision">The cell's published precision (<see cref="Privacy.CampaignRelease.PrecisionOf"/>).</param>
    /// <returns>The reduced, rounded statistics.</returns>
    public GroupStatistics Published(IReadOnlyList<ScoredItem> items, Func<string, bool> released, int k, double precision)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(released);
        var tooFew = new List<string>();
        bool Keep(string figure, int n)
        {
            if (n is > 0 && n < k && released(figure))
            {
                tooFew.Add(figure);
            }

            return n >= k && released(figure);
        }

        var recommend = items.FirstOrDefault(i => i.Scale == ItemScale.ZeroToTen && i.Outcome == OutcomeKind.Recommend);
        var stayReleased = items.Where(i => i.Scale == ItemScale.Agreement5 && i.Outcome == OutcomeKind.IntentToStay).All(i => released(GroupScoring.ItemFigure(i.Position)));
        var stay = IntentToStay is [_, var stayN] && stayReleased && stayN >= k ? IntentToStay : null;
        if (IntentToStay is [_, var small] && stayReleased && small is > 0 && small < k)
        {
            tooFew.Add(IntentToStayFigure);
        }

        // Rounded first (the scores come from the full counts), then reduced to what is shown.
        var rounded = Rounded(precision);
        var published = new GroupStatistics(
            Respondents,
            rounded.Items.Where(i => Keep(GroupScoring.ItemFigure(i.Key), i.Value.Sum())).ToDictionary(i => i.Key, i => i.Value),
            rounded.Components.Where(c => Keep(GroupScoring.ComponentFigure(c.Key), c.Value.N)).ToDictionary(c => c.Key, c => c.Value),
            rounded.Index is { } index && Keep(GroupScoring.IndexFigure, index.N) ? index : null,
            rounded.Favourable is { } favourable && Keep(GroupScoring.IndexFigure, favourable.N) && GroupScoring.FavourableReleased(items, released) ? favourable : null,
            rounded.Belonging is { } belonging && Keep(GroupScoring.BelongingFigure, belonging.N) ? belonging : null,
            recommend is not null && Recommend is { } r && Keep(GroupScoring.ItemFigure(recommend.Position), r.Sum()) ? r : null,
            stay,
            ItemScores: rounded.ItemScores!.Where(s => Keep(Privacy.CampaignRelease.QuestionScoreFigure(GroupScoring.ItemFigure(s.Key)), s.Value.N)).ToDictionary(s => s.Key, s => s.Value));
        return tooFew.Count == 0 ? published : published with { TooFew = [.. tooFew.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
    }

    /// <summary>
    /// The same statistics with every mean figure's sample (components, index, % favourable, belonging outcome) rounded
    /// to <paramref name="precision"/> points, mean and standard deviation (<see cref="GroupScoring.RoundedSample"/>),
    /// and each question's score rounded with its counts folded into unfavourable / neutral / favourable
    /// (<see cref="AgreementDistribution.Published"/>); the other counts stay exact. Every published figure of a group is
    /// computed from these, never from finer values.
    /// </summary>
    /// <param name="precision">Points.</param>
    /// <returns>The rounded statistics.</returns>
    public GroupStatistics Rounded(double precision)
    {
        SampleSummary Round(SampleSummary s) => GroupScoring.RoundedSample(s, precision);
        var scores = ItemScores?.ToDictionary(s => s.Key, s => s.Value) ?? [];
        foreach (var (position, counts) in Items.Where(i => i.Value.Sum() > 0 && !scores.ContainsKey(i.Key)))
        {
            scores[position] = new SampleSummary(counts.Sum(), Privacy.ValueWindow.Round(new AgreementDistribution(counts).Score, precision), 0);
        }

        return this with
        {
            Items = Items.ToDictionary(i => i.Key, i => AgreementDistribution.Folded(i.Value)),
            ItemScores = scores,
            Components = Components.ToDictionary(c => c.Key, c => Round(c.Value)),
            Index = Index is { } index ? Round(index) : null,
            Favourable = Favourable is { } favourable ? Round(favourable) : null,
            Belonging = Belonging is { } belonging ? Round(belonging) : null,
        };
    }

    /// <summary>
    /// Each figure's n (figure ids of <see cref="GroupScoring.Figures"/>) among the figures these statistics hold:
    /// what a later campaign's cross-release rule compares its own figures with.
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <returns>Figure id → n.</returns>
    public IReadOnlyDictionary<string, int> FigureCounts(IReadOnlyList<ScoredItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (position, c) in Items)
        {
            counts[GroupScoring.ItemFigure(position)] = c.Sum();
        }

        foreach (var (position, s) in ItemScores ?? new Dictionary<int, SampleSummary>())
        {
            counts[Privacy.CampaignRelease.QuestionScoreFigure(GroupScoring.ItemFigure(position))] = s.N;
        }

        foreach (var (component, s) in Components)
        {
            counts[GroupScoring.ComponentFigure(component)] = s.N;
        }

        if (Index is { } index)
        {
            counts[GroupScoring.IndexFigure] = index.N;
        }

        if (Belonging is { } belonging)
        {
            counts[GroupScoring.BelongingFigure] = belonging.N;
        }

        if (Recommend is { } r && items.FirstOrDefault(i => i.Scale == ItemScale.ZeroToTen && i.Outcome == OutcomeKind.Recommend) is { } item)
        {
            counts[GroupScoring.ItemFigure(item.Position)] = r.Sum();
        }

        return counts;
    }
}
