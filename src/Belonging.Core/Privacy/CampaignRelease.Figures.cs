namespace Belonging.Core.Privacy;

/// <content>Figures inside reported cells, each protected on its own answerer counts.</content>
public sealed partial class CampaignRelease
{
    /// <summary>The frozen unit tree the release was computed on.</summary>
    private IReadOnlyList<OrgUnitNode> Units { get; init; } = [];

    /// <summary>Per figure id: for each cell, true when the figure is withheld there although the cell is reported.</summary>
    private IReadOnlyDictionary<string, bool[]>? FigureWithheld { get; init; }

    /// <summary>Per figure id: which respondents count towards it (in memory only; needed by later campaigns' cross-release checks).</summary>
    private IReadOnlyDictionary<string, bool[]>? FigureAnswers { get; init; }

    /// <summary>True once <see cref="WithFigures"/> has decided every figure (or the stored release carried the decisions).</summary>
    public bool FiguresDecided => FigureWithheld is not null;

    /// <summary>
    /// Decides every figure inside the reported cells (an item's distribution, a component index, an outcome). A figure
    /// has its own n — the respondents who answered it — and those counts add up over the same rows as the head counts,
    /// so a division's item n minus its reported teams' gives the answerers in a hidden team, or in a reported team where
    /// the item itself is hidden. For each figure, the answerer counts are put through the same suppression as the head
    /// counts (primary below k, complementary until the exact attacker can narrow no group of 1..k−1 answerers below k),
    /// with every cell that is not reported forced unknown. A figure nobody skipped needs no check: its counts are the
    /// head counts. Deterministic.
    /// </summary>
    /// <remarks>
    /// Across campaigns, a figure is also checked against the same figure (same id) of every earlier release this one is
    /// chained to, whose answers are known (<see cref="WithAnswers"/>): a cell showing it in both whose answerer count
    /// changed by 1..k − 1 withholds it, and no row may pin such a change — the head-count cross-release rule, applied
    /// to the figure's own counts. Use ids that mean the same question in every campaign (e.g. the item code).
    /// </remarks>
    /// <param name="answered">Figure id → for each respondent of <see cref="Respondents"/> (same order), whether they count towards the figure's n.</param>
    /// <param name="published">A published version whose withheld figures must stay withheld (a stricter recomputation), or null.</param>
    /// <returns>The same release with the figures decided.</returns>
    public CampaignRelease WithFigures(IReadOnlyDictionary<string, bool[]> answered, CampaignRelease? published = null)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var earlier = Earlier(PreviousCampaign);
        var all = WithQuestionScores(answered);
        var figures = all.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (figures.Find(f => f.Value.Length != Respondents.Count) is { Key: not null } wrong)
        {
            throw new ArgumentException($"Figure '{wrong.Key}' has {wrong.Value.Length} flags for {Respondents.Count} respondents.", nameof(answered));
        }

        // Figures are independent of each other: decided side by side, each deterministic, collected in id order.
        // Cells kept only because their rounding hides a head-count change of 1..k − 1: exact counts (a question's
        // distribution) are never shown there, since a colluder who skips a question leaves its answerer count unchanged
        // while the joiner's answers enter it (tests/redteam/ValueWindowAttacks.cs.txt, attack 3).
        var churns = Churns;
        var changedHeads = Enumerable.Range(0, system.CellCount).Select(i => ChangedByFew(system, i, earlier, churns, Policy.K)).ToArray();
        // Figures whose inputs are the same (the same answerers, kind, published decisions and earlier views: in a real
        // survey most questions are answered by everyone) get the same decision, so each is computed once.
        var signatures = figures.Select(f => FigureSignature(f.Key, f.Value, published, earlier)).ToArray();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < figures.Count; i++)
        {
            first.TryAdd(signatures[i], i);
        }

        var computed = new (bool[] Withheld, double[]? Precision)[figures.Count];
        var representatives = first.Values.Order().ToArray();
        Parallel.For(0, representatives.Length, r =>
        {
            var i = representatives[r];
            var (figure, flags) = figures[i];
            var keep = published?.FigureWithheld?.GetValueOrDefault(figure);
            var views = earlier.Select((e, j) => (View: e.FigureView(figure), Churn: churns[j])).Where(v => v.View is not null).Select(v => (v.View!, v.Churn)).ToList();
            var value = IsValueFigure(figure);
            computed[i] = flags.All(a => a) && keep is null && views.Count == 0 ? (new bool[system.CellCount], null) : Decide(flags, keep, views, value, value ? null : changedHeads);
        });
        var decisions = new (bool[] Withheld, double[]? Precision)[figures.Count];
        for (var i = 0; i < figures.Count; i++)
        {
            var (shared, step) = computed[first[signatures[i]]];
            decisions[i] = ((bool[])shared.Clone(), IsValueFigure(figures[i].Key) ? step : null);
        }
        // The cell's step comes from its own figures; a question's score is shown at that step only where the step also
        // hides its own answerers (a question many skipped needs a coarser one), and never makes the cell coarser.
        var precision = MergePrecision(decisions.Where((_, i) => !IsQuestionScore(figures[i].Key)).Select(d => d.Precision).OfType<double[]>());
        for (var f = 0; f < figures.Count; f++)
        {
            if (IsQuestionScore(figures[f].Key) && decisions[f].Precision is { } needed)
            {
                for (var i = 0; i < needed.Length; i++)
                {
                    decisions[f].Withheld[i] |= needed[i] > (precision?[i] ?? ValueWindow.Precision) + 1e-9;
                }
            }
        }

        var withheld = figures.Select((f, i) => (f.Key, decisions[i].Withheld)).ToDictionary(x => x.Key, x => x.Withheld, StringComparer.Ordinal);

        return new CampaignRelease(system, Policy, status, Audit, PreviousCampaign)
        {
            Respondents = Respondents, Units = Units, FigureWithheld = withheld, FigureAnswers = all,
            CellPrecision = precision, Invited = Invited, churns = churns,
        };
    }

    /// <summary>
    /// The same release with its figures' answers known in memory (a release read back from storage), so that later
    /// campaigns can check their figures against it.
    /// </summary>
    /// <param name="answered">As for <see cref="WithFigures"/>.</param>
    /// <returns>The release with the answers attached; decisions unchanged.</returns>
    public CampaignRelease WithAnswers(IReadOnlyDictionary<string, bool[]> answered)
    {
        ArgumentNullException.ThrowIfNull(answered);
        return Copy(Invited, WithQuestionScores(answered));
    }

    /// <summary>
    /// Everything a figure's decision depends on besides this release's cells: its kind (mean or exact counts), its
    /// answerers, the published version's decision for it and each earlier release's view of it (its decision and its
    /// answerers or, read back without rows, its counts). Two figures with the same signature are decided alike.
    /// </summary>
    private static string FigureSignature(string figure, bool[] flags, CampaignRelease? published, List<CampaignRelease> earlier)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            void Bits(bool[]? bits)
            {
                writer.Write(bits?.Length ?? -1);
                foreach (var b in bits ?? [])
                {
                    writer.Write(b);
                }
            }

            writer.Write(IsValueFigure(figure) && earlier.Count > 0);
            Bits(flags);
            Bits(published?.FigureWithheld?.GetValueOrDefault(figure));
            foreach (var e in earlier)
            {
                Bits(e.FigureWithheld?.GetValueOrDefault(figure));
                Bits(e.FigureAnswers?.GetValueOrDefault(figure));
                var counts = e.FigureCounts?.GetValueOrDefault(figure);
                writer.Write(counts is null ? -1 : counts.Count);
                foreach (var key in counts is null ? [] : e.system.Keys)
                {
                    writer.Write(counts!.GetValueOrDefault(key, -1));
                }
            }
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Prefix of a question's score figure: the rounded mean of a question, decided apart from its exact counts.</summary>
    public const string QuestionScorePrefix = "itemscore:";

    /// <summary>The score figure id of a question figure ("item:Q1" → "itemscore:Q1").</summary>
    /// <param name="itemFigure">A figure id starting with "item:".</param>
    /// <returns>The score figure's id.</returns>
    public static string QuestionScoreFigure(string itemFigure)
    {
        ArgumentNullException.ThrowIfNull(itemFigure);
        return QuestionScorePrefix + itemFigure["item:".Length..];
    }

    private static bool IsQuestionScore(string figure) => figure.StartsWith(QuestionScorePrefix, StringComparison.Ordinal);

    /// <summary>
    /// Each question ("item:…") also has a score figure, answered by the same people: the question's counts are exact
    /// and withheld wherever its answerers or the cell's people changed by a few since an earlier survey, while its
    /// score is a rounded mean that the value window can keep, like the index (docs/methods/cross-release.md).
    /// </summary>
    private static Dictionary<string, bool[]> WithQuestionScores(IReadOnlyDictionary<string, bool[]> answered)
    {
        var all = answered.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var (figure, flags) in answered.Where(f => f.Key.StartsWith("item:", StringComparison.Ordinal)))
        {
            all.TryAdd(QuestionScoreFigure(figure), flags);
        }

        return all;
    }

    /// <summary>This release with another roster and other figure answers in memory; every decision the same.</summary>
    private CampaignRelease Copy(IReadOnlyList<RosterRow>? invited, IReadOnlyDictionary<string, bool[]>? figureAnswers) =>
        new(system, Policy, status, Audit, PreviousCampaign)
        {
            Respondents = Respondents, Units = Units, FigureWithheld = FigureWithheld, FigureAnswers = figureAnswers,
            CellPrecision = CellPrecision, FigureCounts = FigureCounts, Shape = Shape, Reduced = Reduced, Invited = invited,
        };

    /// <summary>This release as it published one figure: its answerers' counts, reported where the figure was shown. Null when unknown.</summary>
    private CampaignRelease? FigureView(string figure)
    {
        if (Reduced)
        {
            return ReducedFigureView(figure);
        }

        if (FigureWithheld is null || FigureAnswers?.GetValueOrDefault(figure) is not { } flags || flags.Length != Respondents.Count)
        {
            return null;
        }

        var built = CellSystem.Build(new CampaignReleaseRequest(Units, [.. Respondents.Where((_, i) => flags[i])]), Policy);
        if (!built.IsSuccess)
        {
            return null;
        }

        var view = built.Value;
        var shown = new CellStatus[view.CellCount];
        for (var i = 0; i < view.CellCount; i++)
        {
            shown[i] = FigureReleased(view.Keys[i], figure) ? CellStatus.Reported : CellStatus.Complementary;
        }

        return new CampaignRelease(view, Policy, shown, Audit, null) { Respondents = Respondents, Units = Units };
    }

    /// <summary>True when <paramref name="figure"/> may be shown in <paramref name="cell"/> (the cell itself must be reported too).</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="figure">The figure id (<see cref="Surveys.GroupScoring.Figures"/>).</param>
    /// <returns>Whether the release protects it there; figures the release has not decided count as not shown.</returns>
    public bool FigureReleased(CellKey cell, string figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return IsReported(cell) && FigureWithheld is { } decided && (!decided.TryGetValue(figure, out var w) || !w[system.Index[cell]]);
    }

    /// <summary>The figures withheld in reported cells, for storing: figure id → canonical cell indices.</summary>
    internal IReadOnlyDictionary<string, int[]>? StoredFigures() =>
        FigureWithheld?.ToDictionary(f => f.Key, f => Enumerable.Range(0, system.CellCount).Where(i => f.Value[i] && status[i] == CellStatus.Reported).ToArray(), StringComparer.Ordinal);

    private static Dictionary<string, bool[]>? RestoreFigures(IReadOnlyDictionary<string, int[]>? stored, int cells)
    {
        if (stored is null)
        {
            return null;
        }

        return stored.ToDictionary(
            f => f.Key,
            f =>
            {
                var w = new bool[cells];
                foreach (var i in f.Value.Where(i => i >= 0 && i < cells))
                {
                    w[i] = true;
                }

                return w;
            },
            StringComparer.Ordinal);
    }

    /// <summary>One figure's decision: withheld per cell, and the precision its value needs per cell (null: whole points everywhere).</summary>
    private (bool[] Withheld, double[]? Precision) Decide(bool[] answered, bool[]? keepWithheld, List<(CampaignRelease View, long[]? Churn)> earlier, bool valueFigure, bool[]? changedHeads)
    {
        var rows = Respondents.Where((_, i) => answered[i]).ToList();
        var built = CellSystem.Build(new CampaignReleaseRequest(Units, rows), Policy);
        var all = Enumerable.Repeat(true, system.CellCount).ToArray();
        if (!built.IsSuccess || built.Value.CellCount != system.CellCount)
        {
            return (all, null);
        }

        var figureSystem = built.Value;
        var forced = new Dictionary<int, CellStatus>();
        for (var i = 0; i < system.CellCount; i++)
        {
            if (status[i] != CellStatus.Reported || keepWithheld?[i] == true)
            {
                forced[i] = CellStatus.Complementary;
            }
            else if (changedHeads?[i] == true)
            {
                forced[i] = CellStatus.CrossRelease;
            }
        }

        var k = Policy.K;
        // A mean figure is published at least at the step its own answerers support (a question answered by 5 of a
        // cell's 100 people is a group of 5), in a first release too (attack 5).
        // Without earlier releases a mean figure and exact counts of the same answerers are decided alike, so the steps
        // are computed for both and one decision serves the two (WithFigures).
        var meanSteps = valueFigure || earlier.Count == 0;
        var cellPrecision = Enumerable.Range(0, system.CellCount)
            .Select(i => Math.Max(CellPrecision?[i] ?? ValueWindow.Precision, meanSteps && figureSystem.Truth[i] >= k ? ValueWindow.ForSize(figureSystem.Truth[i]) : ValueWindow.Precision))
            .ToArray();
        var earlierViews = earlier.Select(e => e.View).ToList();
        var windows = earlier.Select(e => ValueWindowExemptions(figureSystem, k, e.View, valueFigure, cellPrecision, e.Churn)).ToList();
        var precision = cellPrecision;
        ApplyCellRule(figureSystem, k, earlierViews, windows, forced, precision);

        Func<bool[], IReadOnlyList<int>>? crossCheck = earlierViews.Count == 0 ? null
            : unknown => [.. earlierViews.SelectMany((before, e) => CrossReleaseViolations(figureSystem, k, before, unknown, windows[e])).Distinct().Order()];
        var outcome = ComplementarySuppression.Run(figureSystem, k, forced, crossCheck, attributeDisclosure: false);
        if (!outcome.Passed)
        {
            return (all, null);
        }

        var withheld = outcome.Status.Select(s => s != CellStatus.Reported).ToArray();
        return (withheld, meanSteps ? [.. precision.Select((q, i) => withheld[i] ? ValueWindow.Precision : q)] : null);
    }
}
