using Belonging.Core.Privacy;
using Belonging.Core.Statistics;

namespace Belonging.Core.Surveys;

/// <summary>An item as the scorer needs it: where its answer sits in a stored answer set and how to score it.</summary>
/// <param name="Position">0-based slot in each answer set.</param>
/// <param name="Scale">Answer scale.</param>
/// <param name="Component">Blueprint component, or null.</param>
/// <param name="Outcome">Outcome measured, if any.</param>
/// <param name="ReverseKeyed">Scored 6 − x.</param>
public sealed record ScoredItem(int Position, ItemScale Scale, BlueprintComponent? Component, OutcomeKind Outcome, bool ReverseKeyed);

/// <summary>
/// A group's score with its 95 % confidence interval and the respondent-level summary behind it (so gaps and trends
/// can be tested without re-reading answers).
/// </summary>
/// <param name="Value">The score (0–100 index, or % favourable).</param>
/// <param name="Interval">95 % interval: Student t on respondent scores, clipped to 0–100 (a single respondent gives a zero-width interval).</param>
/// <param name="Sample">n, mean and variance of the respondent-level values (0/100 indicators for a percentage).</param>
public sealed record Estimate(double Value, Interval Interval, SampleSummary Sample)
{
    /// <summary>Builds an estimate from respondent-level values on a 0–100 scale.</summary>
    /// <param name="sample">The respondent-level summary (N ≥ 1).</param>
    /// <returns>The estimate with a t interval.</returns>
    public static Estimate FromSample(SampleSummary sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var interval = sample.N >= 2 && sample.Variance > 0
            ? Intervals.StudentMean(sample, 0.95, 0, 100)
            : new Interval(sample.Mean, sample.Mean, sample.Mean, 0.95, "t");
        return new Estimate(sample.Mean, interval, sample);
    }

    /// <summary>Builds a percentage estimate (0–100) from a count of favourable answers, with a Wilson interval.</summary>
    /// <param name="favourable">Favourable answers.</param>
    /// <param name="n">All answers (≥ 1).</param>
    /// <returns>The estimate; its sample is the 0/100 indicator summary.</returns>
    public static Estimate FromProportion(int favourable, int n)
    {
        var w = Intervals.Wilson(favourable, n);
        var mean = 100.0 * favourable / n;
        var variance = n < 2 ? double.NaN : 10_000.0 * favourable * (n - favourable) / ((double)n * (n - 1));
        return new Estimate(mean, new Interval(mean, 100 * w.Lower, 100 * w.Upper, w.Level, w.Method), new SampleSummary(n, mean, variance));
    }
}

/// <summary>Scores of one group. Every figure is its own disclosure with its own n (people may skip items).</summary>
/// <param name="Respondents">Respondents in the group (the group is released, so this is exact and ≥ k).</param>
/// <param name="Index">Belonging index 0–100 over all component items.</param>
/// <param name="Components">Index per blueprint component, in component order.</param>
/// <param name="Items">Distribution per agreement item, in position order.</param>
/// <param name="BelongingOutcome">Index 0–100 over the sense-of-belonging outcome items.</param>
/// <param name="IntentToStay">% favourable on the intent-to-stay item(s).</param>
/// <param name="Recommend">Recommend score on the 0–10 item.</param>
/// <param name="Favourable">% favourable over all component questions: each respondent's share of favourable answers (agree or strongly agree), averaged over respondents (so every person weighs the same).</param>
/// <param name="Precision">The points the mean figures are rounded to as published (<see cref="Privacy.ValueWindow"/>): 1, or a coarser step the page must mention.</param>
public sealed record GroupScores(
    int Respondents,
    Disclosure<Estimate> Index,
    IReadOnlyList<ComponentScore> Components,
    IReadOnlyList<ItemScore> Items,
    Disclosure<Estimate> BelongingOutcome,
    Disclosure<Estimate> IntentToStay,
    Disclosure<RecommendSummary> Recommend,
    Disclosure<Estimate> Favourable,
    double Precision = Privacy.ValueWindow.Precision);

/// <summary>A component's index in a group.</summary>
/// <param name="Component">The component.</param>
/// <param name="Index">0–100, n = respondents who answered at least one of its items.</param>
public sealed record ComponentScore(BlueprintComponent Component, Disclosure<Estimate> Index);

/// <summary>An agreement item's distribution in a group.</summary>
/// <param name="Position">Item slot.</param>
/// <param name="Distribution">Keyed distribution, n = answers (missing excluded): unfavourable / neutral / favourable and the score, as published.</param>
/// <param name="Score">
/// The question's 0–100 score on its own (rounded as published), n = answers. Shown in more cells than
/// <paramref name="Distribution"/>: a rounded mean can stay where the question's exact counts must go because a few
/// people changed since the last survey. Null where the scorer was not asked for it.
/// </param>
public sealed record ItemScore(int Position, Disclosure<AgreementDistribution> Distribution, Disclosure<double>? Score = null);

/// <summary>0–10 recommend item summary.</summary>
/// <param name="PercentPromoters">% answering 9–10.</param>
/// <param name="PercentPassives">% answering 7–8.</param>
/// <param name="PercentDetractors">% answering 0–6.</param>
/// <param name="Score">% promoters − % detractors (−100..100).</param>
public sealed record RecommendSummary(double PercentPromoters, double PercentPassives, double PercentDetractors, double Score);

/// <summary>Scores a group of answer sets, releasing every figure only through a <see cref="MinimumGroupRule"/>.</summary>
public static class GroupScoring
{
    /// <summary>
    /// Scores the answer sets at <paramref name="members"/>. The group as a whole is suppressed when fewer than k
    /// respondents are in it; inside a released group, each item, component and outcome is suppressed on its own when
    /// fewer than k people answered it.
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets of the campaign (stored codes: 0 missing; agreement 1–5; 0–10 as value + 1).</param>
    /// <param name="members">Indices into <paramref name="answerSets"/> of the group's respondents (order irrelevant).</param>
    /// <param name="rule">Release rule (k).</param>
    /// <returns>The group's scores or its suppression.</returns>
    public static Disclosure<GroupScores> Score(IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members, MinimumGroupRule rule)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerSets);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Apply(members.Count, () => Compute(items, answerSets, members, rule));
    }

    /// <summary>
    /// Scores a group whose release is decided by <paramref name="gate"/> (e.g. a campaign release's cell), which calls
    /// the scoring function only when it releases the group; figures inside the group still need k answers each.
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets of the campaign.</param>
    /// <param name="members">The group's respondents.</param>
    /// <param name="rule">Release rule for figures inside the group (k).</param>
    /// <param name="gate">Decides the group as a whole: returns <see cref="Reported{T}"/> only by calling the function it is given.</param>
    /// <returns>The group's scores or its suppression.</returns>
    public static Disclosure<GroupScores> Score(
        IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members, MinimumGroupRule rule,
        Func<Func<GroupScores>, Disclosure<GroupScores>> gate) =>
        Score(items, answerSets, members, rule, gate, _ => true);

    /// <summary>
    /// As above, and each figure inside the group (an item's distribution, a component, an outcome; ids from
    /// <see cref="Figures"/>) is shown only when <paramref name="figureReleased"/> says the release protects it in
    /// this group — the campaign release checks each figure's own answerer counts with the exact attacker, since a
    /// question skipped by some people has its own n that can be differenced.
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets of the campaign.</param>
    /// <param name="members">The group's respondents.</param>
    /// <param name="rule">Release rule for figures inside the group (k).</param>
    /// <param name="gate">Decides the group as a whole.</param>
    /// <param name="figureReleased">Decides each figure of the group by its id.</param>
    /// <param name="precision">Points the mean figures are published at (the release's <see cref="CampaignRelease.PrecisionOf"/> for the cell).</param>
    /// <returns>The group's scores or its suppression.</returns>
    public static Disclosure<GroupScores> Score(
        IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members, MinimumGroupRule rule,
        Func<Func<GroupScores>, Disclosure<GroupScores>> gate, Func<string, bool> figureReleased, double precision = ValueWindow.Precision)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerSets);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(figureReleased);
        return gate(() => Published(Build(items, Summarise(items, answerSets, members).Rounded(precision), new FigureRule(rule, figureReleased)), precision));
    }

    /// <summary>
    /// A group's scores as a release publishes them: every mean figure (index, components, belonging outcome,
    /// % favourable), its interval and its respondent-level mean and standard deviation rounded to the step the release
    /// gives the group's cell (<see cref="CampaignRelease.PrecisionOf"/>: whole points for large cells, coarser for small
    /// ones and for cells whose count changed by a few people since an earlier survey), so that no host can show a
    /// finer figure than the cross-release rule relies on (docs/methods/cross-release.md). Distributions, intent to stay
    /// and recommend are counts, shown exactly (their figures never rely on rounding).
    /// </summary>
    /// <param name="scores">Exact scores.</param>
    /// <param name="precision">Points to round every mean figure to.</param>
    /// <returns>The published scores, carrying their precision.</returns>
    public static GroupScores Published(GroupScores scores, double precision)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Estimate Rounded(Estimate e) => RoundedEstimate(e, precision);
        return scores with
        {
            Index = scores.Index.Map(Rounded),
            Components = [.. scores.Components.Select(c => c with { Index = c.Index.Map(Rounded) })],
            Items = [.. scores.Items.Select(i => i with { Distribution = i.Distribution.Map(d => d.Published(precision)), Score = i.Score?.Map(v => ValueWindow.Round(v, precision)) })],
            BelongingOutcome = scores.BelongingOutcome.Map(Rounded),
            Favourable = scores.Favourable.Map(Rounded),
            Precision = precision,
        };
    }

    /// <summary>A mean figure's estimate as published at <paramref name="precision"/>: value, interval and the sample's mean and SD rounded.</summary>
    /// <param name="e">The exact estimate.</param>
    /// <param name="precision">Points.</param>
    /// <returns>The rounded estimate.</returns>
    public static Estimate RoundedEstimate(Estimate e, double precision)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new Estimate(
            ValueWindow.Round(e.Value, precision),
            e.Interval with { Estimate = ValueWindow.Round(e.Interval.Estimate, precision), Lower = ValueWindow.Round(e.Interval.Lower, precision), Upper = ValueWindow.Round(e.Interval.Upper, precision) },
            RoundedSample(e.Sample, precision));
    }

    /// <summary>
    /// A sample summary as published: the mean rounded to <paramref name="precision"/> points and the standard deviation
    /// rounded up to a multiple of it (n exact). Rounding the SD up tells as much as rounding it to the nearest step (a
    /// window one step wide) but never shows a spread of 0 that the answers do not have, so intervals are never
    /// narrower than the data's and a small group with some spread is still compared.
    /// </summary>
    /// <param name="sample">The exact summary.</param>
    /// <param name="precision">Points.</param>
    /// <returns>The rounded summary (idempotent: rounding it again changes nothing).</returns>
    public static SampleSummary RoundedSample(SampleSummary sample, double precision)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var sd = double.IsFinite(sample.Variance) ? Math.Ceiling((Math.Sqrt(sample.Variance) / precision) - 1e-9) * precision : double.NaN;
        return sample with { Mean = ValueWindow.Round(sample.Mean, precision), Variance = double.IsFinite(sd) ? sd * sd : sample.Variance };
    }

    /// <summary>Id of an agreement or 0–10 item's figure.</summary>
    public static string ItemFigure(int position) => "item:" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Id of a component index's figure.</summary>
    public static string ComponentFigure(BlueprintComponent component) => "component:" + component.ToString();

    /// <summary>Id of the belonging index and % favourable (both over respondents with at least one component answer).</summary>
    public const string IndexFigure = "index";

    /// <summary>Id of the sense-of-belonging outcome.</summary>
    public const string BelongingFigure = "belonging";

    /// <summary>
    /// Every figure a group's scores publish with its own n, and for each answer set whether it counts towards that n
    /// (answered the item; at least one item of the component; …). The intent-to-stay figure is released only where
    /// each of its items is, so it has no id of its own.
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets.</param>
    /// <returns>Figure id → answered flag per answer set.</returns>
    public static IReadOnlyDictionary<string, bool[]> Figures(IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerSets);
        var figures = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        bool[] Flags(string id) => figures.TryGetValue(id, out var f) ? f : figures[id] = new bool[answerSets.Count];
        for (var r = 0; r < answerSets.Count; r++)
        {
            var values = answerSets[r];
            foreach (var item in items.Where(i => i.Scale is ItemScale.Agreement5 or ItemScale.ZeroToTen))
            {
                var answered = item.Position < values.Length && values[item.Position] != Scoring.Missing;
                Flags(ItemFigure(item.Position))[r] = answered;
                if (item.Scale != ItemScale.Agreement5 || !answered)
                {
                    continue;
                }

                if (item.Component is { } c)
                {
                    Flags(ComponentFigure(c))[r] = true;
                    Flags(IndexFigure)[r] = true;
                }

                if (item.Outcome == OutcomeKind.Belonging)
                {
                    Flags(BelongingFigure)[r] = true;
                }
            }
        }

        foreach (var c in items.Where(i => i.Scale == ItemScale.Agreement5 && i.Component is not null).Select(i => i.Component!.Value).Distinct())
        {
            Flags(ComponentFigure(c));
            Flags(IndexFigure);
        }

        if (items.Any(i => i.Scale == ItemScale.Agreement5 && i.Outcome == OutcomeKind.Belonging))
        {
            Flags(BelongingFigure);
        }

        return figures;
    }

    /// <summary>The group rule for figures inside a released group, with the release's per-figure decision on top.</summary>
    private sealed record FigureRule(MinimumGroupRule Rule, Func<string, bool> Released)
    {
        public Disclosure<T> Apply<T>(string figure, int n, Func<T> value) =>
            Released(figure) ? Rule.Apply(n, value) : MinimumGroupRule.Suppress<T>(SuppressionReason.Protected);
    }

    private static GroupScores Compute(IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members, MinimumGroupRule rule) =>
        Compute(items, answerSets, members, new FigureRule(rule, _ => true));

    private static GroupScores Compute(IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members, FigureRule rule) =>
        Build(items, Summarise(items, answerSets, members), rule);

    /// <summary>
    /// The sufficient statistics of the group at <paramref name="members"/>: per agreement item the counts of keyed
    /// answers, per component and for the index, % favourable and the belonging outcome the respondent-level n, mean and
    /// variance (Welford), and the recommend item's promoters, passives and detractors. Nothing is released by this call;
    /// <see cref="Score(IReadOnlyList{ScoredItem}, GroupStatistics, MinimumGroupRule, Func{Func{GroupScores}, Disclosure{GroupScores}}, Func{string, bool}, double)"/>
    /// turns it into the same scores as scoring the answer sets directly.
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets of the campaign.</param>
    /// <param name="members">The group's respondents (order irrelevant).</param>
    /// <returns>The statistics, with every figure (also those nobody answered).</returns>
    public static GroupStatistics Summarise(IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerSets);
        ArgumentNullException.ThrowIfNull(members);
        var agreement = items.Where(i => i.Scale == ItemScale.Agreement5).ToArray();
        var counts = new int[agreement.Length][];
        for (var j = 0; j < agreement.Length; j++)
        {
            counts[j] = new int[5];
        }

        var components = Enum.GetValues<BlueprintComponent>();
        var componentAcc = new Welford[components.Length];
        var indexAcc = default(Welford);
        var belongingAcc = default(Welford);
        var favourableAcc = default(Welford);
        int promoters = 0, passives = 0, detractors = 0;
        var recommend = items.FirstOrDefault(i => i.Scale == ItemScale.ZeroToTen && i.Outcome == OutcomeKind.Recommend);

        var perComponentSum = new int[components.Length];
        var perComponentCount = new int[components.Length];
        foreach (var m in members)
        {
            var values = answerSets[m];
            Array.Clear(perComponentSum);
            Array.Clear(perComponentCount);
            int allSum = 0, allCount = 0, allFavourable = 0, belSum = 0, belCount = 0;
            for (var j = 0; j < agreement.Length; j++)
            {
                var item = agreement[j];
                var a = item.Position < values.Length ? Scoring.Keyed(values[item.Position], item.ReverseKeyed) : Scoring.Missing;
                if (a == Scoring.Missing)
                {
                    continue;
                }

                counts[j][a - 1]++;
                if (item.Component is { } c)
                {
                    perComponentSum[(int)c - 1] += a - 1;
                    perComponentCount[(int)c - 1]++;
                    allSum += a - 1;
                    allCount++;
                    allFavourable += a >= 4 ? 1 : 0;
                }

                if (item.Outcome == OutcomeKind.Belonging)
                {
                    belSum += a - 1;
                    belCount++;
                }
            }

            for (var c = 0; c < components.Length; c++)
            {
                if (perComponentCount[c] > 0)
                {
                    componentAcc[c].Add(perComponentSum[c] * 25.0 / perComponentCount[c]);
                }
            }

            if (allCount > 0)
            {
                indexAcc.Add(allSum * 25.0 / allCount);
                favourableAcc.Add(100.0 * allFavourable / allCount);
            }

            if (belCount > 0)
            {
                belongingAcc.Add(belSum * 25.0 / belCount);
            }

            if (recommend is not null && recommend.Position < values.Length && values[recommend.Position] != Scoring.Missing)
            {
                var score = values[recommend.Position] - 1;
                if (score >= 9)
                {
                    promoters++;
                }
                else if (score >= 7)
                {
                    passives++;
                }
                else
                {
                    detractors++;
                }
            }
        }

        var stay = agreement.Select((item, j) => (item, j)).Where(x => x.item.Outcome == OutcomeKind.IntentToStay).ToArray();
        return new GroupStatistics(
            members.Count,
            agreement.Select((item, j) => (item.Position, Counts: counts[j])).ToDictionary(x => x.Position, x => x.Counts),
            components.Select((c, i) => (c, componentAcc[i].Summary)).ToDictionary(x => x.c, x => x.Summary),
            indexAcc.Summary,
            favourableAcc.Summary,
            belongingAcc.Summary,
            recommend is null ? null : [promoters, passives, detractors],
            stay.Length == 0 ? null : [stay.Sum(x => counts[x.j][3] + counts[x.j][4]), stay.Sum(x => counts[x.j].Sum())]);
    }

    /// <summary>
    /// Scores a group from its <see cref="GroupStatistics"/> (e.g. stored at close instead of the answer sets), releasing
    /// exactly as <see cref="Score(IReadOnlyList{ScoredItem}, IReadOnlyList{byte[]}, IReadOnlyList{int}, MinimumGroupRule, Func{Func{GroupScores}, Disclosure{GroupScores}}, Func{string, bool}, double)"/>
    /// does: the same numbers when <paramref name="statistics"/> came from <see cref="Summarise"/> on the same members.
    /// A figure the statistics do not hold counts as answered by nobody.
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="statistics">The group's statistics.</param>
    /// <param name="rule">Release rule for figures inside the group (k).</param>
    /// <param name="gate">Decides the group as a whole.</param>
    /// <param name="figureReleased">Decides each figure of the group by its id.</param>
    /// <param name="precision">Points the mean figures are published at (the release's <see cref="CampaignRelease.PrecisionOf"/> for the cell).</param>
    /// <returns>The group's scores or its suppression.</returns>
    public static Disclosure<GroupScores> Score(
        IReadOnlyList<ScoredItem> items, GroupStatistics statistics, MinimumGroupRule rule,
        Func<Func<GroupScores>, Disclosure<GroupScores>> gate, Func<string, bool> figureReleased, double precision = ValueWindow.Precision)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(figureReleased);
        return gate(() => Published(Build(items, statistics, new FigureRule(rule, figureReleased)), precision));
    }

    private static GroupScores Build(IReadOnlyList<ScoredItem> items, GroupStatistics statistics, FigureRule rule)
    {
        var agreement = items.Where(i => i.Scale == ItemScale.Agreement5).ToArray();
        var counts = agreement.Select(i => statistics.Items.TryGetValue(i.Position, out var c) ? c : new int[5]).ToArray();
        // A figure the statistics do not hold was answered by nobody, or (named in TooFew) by 1..k − 1: n = 1 shows it as such.
        var tooFew = statistics.TooFew?.ToHashSet(StringComparer.Ordinal) ?? [];
        int N(string figure, int n) => n == 0 && tooFew.Contains(figure) ? 1 : n;
        var components = Enum.GetValues<BlueprintComponent>();
        var empty = new SampleSummary(0, double.NaN, double.NaN);
        var componentSummaries = components.Select(c => statistics.Components.TryGetValue(c, out var s) ? s : empty).ToArray();
        var index = statistics.Index ?? empty;
        var favourable = statistics.Favourable ?? empty;
        var belonging = statistics.Belonging ?? empty;
        var recommend = items.FirstOrDefault(i => i.Scale == ItemScale.ZeroToTen && i.Outcome == OutcomeKind.Recommend);
        var (promoters, passives, detractors) = statistics.Recommend is [var p, var q, var d] ? (p, q, d) : (0, 0, 0);

        var itemScores = agreement
            .Select((item, j) =>
            {
                var published = statistics.ItemScores?.TryGetValue(item.Position, out var s) == true ? s : null;
                var scoreFigure = CampaignRelease.QuestionScoreFigure(ItemFigure(item.Position));
                var scoreN = published?.N ?? counts[j].Sum();
                return new ItemScore(
                    item.Position,
                    rule.Apply(ItemFigure(item.Position), N(ItemFigure(item.Position), counts[j].Sum()), () => new AgreementDistribution(counts[j], published?.Mean)),
                    rule.Apply(scoreFigure, N(scoreFigure, scoreN), () => published?.Mean ?? new AgreementDistribution(counts[j]).Score));
            })
            .ToArray();
        var componentScores = components
            .Select((c, i) => new ComponentScore(c, rule.Apply(ComponentFigure(c), N(ComponentFigure(c), componentSummaries[i].N), () => Estimate.FromSample(componentSummaries[i]))))
            .ToArray();

        var stay = agreement.Where(item => item.Outcome == OutcomeKind.IntentToStay).ToArray();
        var (stayFav, stayN) = statistics.IntentToStay is [var f, var n] ? (f, n) : (0, N(GroupStatistics.IntentToStayFigure, 0));
        var stayReleased = stay.All(item => rule.Released(ItemFigure(item.Position)));
        var recommendFigure = recommend is null ? "item:none" : ItemFigure(recommend.Position);
        var recommendN = promoters + passives + detractors;

        return new GroupScores(
            statistics.Respondents,
            rule.Apply(IndexFigure, N(IndexFigure, index.N), () => Estimate.FromSample(index)),
            componentScores,
            itemScores,
            rule.Apply(BelongingFigure, N(BelongingFigure, belonging.N), () => Estimate.FromSample(belonging)),
            stayReleased ? rule.Rule.Apply(stayN, () => Estimate.FromProportion(stayFav, stayN)) : MinimumGroupRule.Suppress<Estimate>(SuppressionReason.Protected),
            rule.Apply(recommendFigure, N(recommendFigure, recommendN), () => new RecommendSummary(
                100.0 * promoters / recommendN,
                100.0 * passives / recommendN,
                100.0 * detractors / recommendN,
                Scoring.RecommendScore(promoters, passives, detractors))),
            FavourableReleased(items, rule.Released) ? rule.Apply(IndexFigure, N(IndexFigure, favourable.N), () => Estimate.FromSample(favourable)) : MinimumGroupRule.Suppress<Estimate>(SuppressionReason.Protected));
    }

    /// <summary>
    /// % favourable over all component questions is shown only where every component question is: it is the sum of
    /// their favourable counts, so where a survey showed those counts exactly, its figure in the next survey would be
    /// differenced against an exact sum, and its rounding would protect a joiner much less (docs/methods/cross-release.md).
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="released">The release's decision per figure id in the group's cell.</param>
    /// <returns>Whether % favourable may be shown.</returns>
    public static bool FavourableReleased(IReadOnlyList<ScoredItem> items, Func<string, bool> released)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(released);
        return items.Where(i => i.Scale == ItemScale.Agreement5 && i.Component is not null).All(i => released(ItemFigure(i.Position)));
    }

    /// <summary>Welford's one-pass mean and variance.</summary>
    private struct Welford
    {
        private double mean;
        private double m2;

        public int N { get; private set; }

        public readonly SampleSummary Summary => new(N, N == 0 ? double.NaN : mean, N < 2 ? double.NaN : m2 / (N - 1));

        public void Add(double x)
        {
            N++;
            var delta = x - mean;
            mean += delta / N;
            m2 += delta * (x - mean);
        }
    }
}
