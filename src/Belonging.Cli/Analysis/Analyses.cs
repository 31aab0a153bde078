using System.Globalization;
using Belonging.Core;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;

namespace Belonging.Cli.Analysis;

/// <summary>
/// Runs one analysis on an <see cref="AnswerTable"/>: checks the request against the file, applies the missing-data
/// rule, calls the pure statistics in <c>Belonging.Core.Statistics</c>, and passes every group through the release
/// rules (<see cref="GroupRelease"/>) before a number is put in the report.
/// </summary>
internal static class Analyses
{
    private const string Everyone = "(everyone)";

    public static Result<AnalysisReport> Run(AnswerTable table, AnalysisRequest request)
    {
        if (request.MinimumGroupSize < MinimumGroupRule.Floor)
        {
            return new AnalysisError.InvalidOption(string.Create(CultureInfo.InvariantCulture,
                $"--min-group must be at least {MinimumGroupRule.Floor}: below that, two colleagues could pool their own answers to learn a third person's."));
        }

        if (request.ScaleMin is { } lo && request.ScaleMax is { } hi && lo >= hi)
        {
            return new AnalysisError.InvalidOption("--scale-min must be below --scale-max.");
        }

        if (request.Reverse.Count > 0 && (request.ScaleMin is null || request.ScaleMax is null))
        {
            return new AnalysisError.InvalidOption("--reverse needs --scale-min and --scale-max (a reversed answer x becomes min + max − x).");
        }

        if (request.Kind == AnalysisKind.Drivers && request.Rule == MissingDataRule.Pairwise)
        {
            return new AnalysisError.InvalidOption("A driver analysis uses complete rows only (--rule listwise): regression weights from pairwise correlations can be inconsistent.");
        }

        if (request.Kind == AnalysisKind.Reliability && request.Group is not null)
        {
            return new AnalysisError.InvalidOption("--group is not used by reliability; run it on a file filtered to the group.");
        }

        var items = ResolveItems(table, request);
        if (!items.IsSuccess)
        {
            return items.Error!;
        }

        var unknownReverse = request.Reverse.FirstOrDefault(r => !items.Value.Contains(r, StringComparer.Ordinal));
        if (unknownReverse is not null)
        {
            return table.Column(unknownReverse).IsSuccess
                ? new AnalysisError.InvalidOption($"--reverse {unknownReverse}: that column is not among the items of this analysis.")
                : table.Column(unknownReverse).Error!;
        }

        var columns = new List<double[]>();
        foreach (var item in items.Value)
        {
            var values = table.Numbers(item, request.ScaleMin, request.ScaleMax, request.Reverse.Contains(item, StringComparer.Ordinal));
            if (!values.IsSuccess)
            {
                return values.Error!;
            }

            columns.Add(values.Value);
        }

        var rule = new MinimumGroupRule(request.MinimumGroupSize);
        var missing = request.Rule ?? (request.Kind == AnalysisKind.Drivers ? MissingDataRule.Listwise : MissingDataRule.Pairwise);
        var report = new AnalysisReport(
            request.Kind.ToString().ToLowerInvariant(),
            table.Name,
            table.Rows.Count,
            missing.ToString().ToLowerInvariant(),
            RuleText(request.Kind, missing),
            rule.K,
            items.Value,
            request.Reverse,
            request.ScaleMin is { } min && request.ScaleMax is { } max ? new ScaleRange(min, max) : null);

        return request.Kind switch
        {
            AnalysisKind.Reliability => RunReliability(report, items.Value, columns, missing, rule),
            AnalysisKind.Gaps => RunGaps(table, request, report, items.Value, columns, missing, rule),
            AnalysisKind.Drivers => RunDrivers(table, request, report, items.Value, columns, rule),
            AnalysisKind.Trend => RunTrend(table, request, report, columns, missing, rule),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
    }

    private static Result<IReadOnlyList<string>> ResolveItems(AnswerTable table, AnalysisRequest request)
    {
        var explicitItems = request.Kind == AnalysisKind.Drivers ? request.Predictors ?? request.Items : request.Items;
        if (explicitItems is { Count: > 0 } && request.ItemsPrefix is not null)
        {
            return new AnalysisError.InvalidOption("Give either --items or --items-prefix, not both.");
        }

        var excluded = new[] { request.Group, request.Wave, request.Outcome };
        IReadOnlyList<string> items = explicitItems is { Count: > 0 }
            ? explicitItems
            : request.ItemsPrefix is { Length: > 0 } prefix
                ? table.Headers.Where(h => h.StartsWith(prefix, StringComparison.Ordinal) && !excluded.Contains(h, StringComparer.Ordinal)).ToList()
                : [];
        var what = request.Kind == AnalysisKind.Drivers ? "predictors (--predictors or --items)" : "items (--items A1,A2,… or --items-prefix A)";
        if (items.Count == 0)
        {
            return new AnalysisError.InvalidOption(request.ItemsPrefix is null ? $"Name the {what}." : $"No column starts with \"{request.ItemsPrefix}\".");
        }

        foreach (var item in items.Concat(excluded.OfType<string>()))
        {
            var column = table.Column(item);
            if (!column.IsSuccess)
            {
                return column.Error!;
            }
        }

        if (items.Distinct(StringComparer.Ordinal).Count() != items.Count)
        {
            return new AnalysisError.InvalidOption("An item is listed twice.");
        }

        var minimumItems = request.Kind switch
        {
            AnalysisKind.Reliability => 2,
            _ => 1,
        };
        if (items.Count < minimumItems)
        {
            return new AnalysisError.InvalidOption("Reliability needs at least two items.");
        }

        if (request.Kind == AnalysisKind.Drivers)
        {
            if (request.Outcome is null)
            {
                return new AnalysisError.InvalidOption("A driver analysis needs --outcome (the column it explains, e.g. belonging).");
            }

            if (items.Contains(request.Outcome, StringComparer.Ordinal))
            {
                return new AnalysisError.InvalidOption("The outcome cannot also be a predictor.");
            }

            if (items.Count > 16)
            {
                return new AnalysisError.InvalidOption("A driver analysis takes 1 to 16 predictors (dominance analysis fits every subset).");
            }
        }

        if (request.Kind == AnalysisKind.Gaps && request.Group is null)
        {
            return new AnalysisError.InvalidOption("Gaps need --group (the column whose values are compared, e.g. gender).");
        }

        if (request.Kind == AnalysisKind.Trend && request.Wave is null)
        {
            return new AnalysisError.InvalidOption("A trend needs --wave (the column naming the survey wave or campaign).");
        }

        return Result<IReadOnlyList<string>>.Success(items);
    }

    private static string RuleText(AnalysisKind kind, MissingDataRule rule) => (kind, rule) switch
    {
        (AnalysisKind.Drivers, _) => "listwise: only respondents with the outcome and every predictor answered",
        (AnalysisKind.Reliability, MissingDataRule.Pairwise) => "pairwise: each covariance uses every respondent who answered both items (psych::alpha default); n = respondents with at least one answer",
        (AnalysisKind.Reliability, _) => "listwise: only respondents who answered every item",
        (_, MissingDataRule.Pairwise) => "pairwise (available items): a respondent's score is the mean of the items they answered; respondents with no answer are left out",
        _ => "listwise: a respondent's score is the mean of the items, counted only when every item is answered",
    };

    /// <summary>Score per respondent: mean of keyed items (listwise: NaN unless all answered; pairwise: NaN only when none).</summary>
    private static double[] Scores(List<double[]> columns, MissingDataRule rule)
    {
        var n = columns[0].Length;
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            var count = 0;
            foreach (var column in columns)
            {
                if (!double.IsNaN(column[i]))
                {
                    sum += column[i];
                    count++;
                }
            }

            scores[i] = count == 0 || (rule == MissingDataRule.Listwise && count < columns.Count) ? double.NaN : sum / count;
        }

        return scores;
    }

    private static Result<AnalysisReport> RunReliability(AnalysisReport report, IReadOnlyList<string> items, List<double[]> columns, MissingDataRule missing, MinimumGroupRule rule)
    {
        var rows = Enumerable.Range(0, columns[0].Length).Select(i => columns.Select(c => c[i]).ToArray()).ToArray();
        var used = missing == MissingDataRule.Listwise
            ? rows.Count(r => r.All(v => !double.IsNaN(v)))
            : rows.Count(r => r.Any(v => !double.IsNaN(v)));
        if (used < Math.Max(rule.K, 2))
        {
            return new AnalysisError.TooFewRows(used, Math.Max(rule.K, 2), "this scale");
        }

        if (!Belonging.Core.Statistics.Reliability.CanAnalyse(rows, missing))
        {
            return new AnalysisError.ItemWithoutAnswers();
        }

        var released = rule.Apply(used, () => Belonging.Core.Statistics.Reliability.Analyse(rows, items, missing));
        return released.Match<Result<AnalysisReport>>(
            r => report with
            {
                Reliability = new ReliabilityReport(
                    r.N,
                    items.Count,
                    r.Value.RawAlpha,
                    r.Value.StandardisedAlpha,
                    r.Value.AverageInterItemCorrelation,
                    r.Value.ScaleMean,
                    r.Value.ScaleStandardDeviation,
                    r.Value.OmegaTotal,
                    "one-factor maximum likelihood on the correlation matrix (stats::factanal); needs 3 or more items",
                    r.Value.Items.Select((item, i) => new ReliabilityItem(
                        item.Name,
                        item.N,
                        item.Mean,
                        item.StandardDeviation,
                        item.AlphaIfDeletedRaw,
                        item.AlphaIfDeletedStandardised,
                        item.CorrectedItemTotal,
                        r.Value.Loadings.Count > i ? r.Value.Loadings[i] : null)).ToArray()),
            },
            _ => new AnalysisError.TooFewRows(used, rule.K, "this scale"));
    }

    private static CellSummary Summarise(IReadOnlyList<double> values, double? favourableFrom, ScaleRange? scale)
    {
        var s = SampleSummary.Of(values);
        var ci = Intervals.StudentMean(s, 0.95, scale?.Min ?? double.NegativeInfinity, scale?.Max ?? double.PositiveInfinity);
        if (favourableFrom is not { } from)
        {
            return new CellSummary(s.N, s.Mean, s.StandardDeviation, ci.Lower, ci.Upper, null, null, null);
        }

        var wilson = Intervals.Wilson(values.Count(v => v >= from), s.N);
        return new CellSummary(s.N, s.Mean, s.StandardDeviation, ci.Lower, ci.Upper, 100 * wilson.Estimate, 100 * wilson.Lower, 100 * wilson.Upper);
    }

    private static string ReasonName(SuppressionReason reason) => reason switch
    {
        SuppressionReason.BelowThreshold => "below_minimum_group_size",
        SuppressionReason.Complementary => "complementary",
        SuppressionReason.NoAnswers => "no_answers",
        SuppressionReason.InsufficientSample => "insufficient_sample",
        _ => reason.ToString().ToLowerInvariant(),
    };

    private static GroupCell Cell(string label, Disclosure<CellSummary> cell) => cell.Match(
        r => new GroupCell(label, "reported", null, r.Value),
        s => new GroupCell(label, "suppressed", ReasonName(s.Reason), null));

    private static Result<AnalysisReport> RunGaps(
        AnswerTable table, AnalysisRequest request, AnalysisReport report, IReadOnlyList<string> items, List<double[]> columns, MissingDataRule missing, MinimumGroupRule rule)
    {
        double favourableFrom;
        if (request.FavourableFrom is { } f)
        {
            favourableFrom = f;
        }
        else if (request.ScaleMax is { } max)
        {
            favourableFrom = max - 1;
        }
        else
        {
            return new AnalysisError.InvalidOption("Gaps need --scale-min/--scale-max (favourable = the top two scale points) or --favourable (the lowest favourable answer).");
        }

        if (report.Scale is { } range && (favourableFrom <= range.Min || favourableFrom > range.Max))
        {
            return new AnalysisError.InvalidOption(string.Create(CultureInfo.InvariantCulture,
                $"--favourable {favourableFrom} must be above the lowest scale point {range.Min} and at most the highest {range.Max}."));
        }

        var labels = table.Labels(request.Group!).Value;
        var groups = AnswerTable.Order(labels.OfType<string>());
        var measures = new List<(string Name, double[] Values)> { ("score", Scores(columns, missing)) };
        if (request.PerItem)
        {
            measures.AddRange(items.Select((item, i) => (item, columns[i])));
        }

        var pending = new List<(int Measure, GapRow Row)>();
        var results = new List<MeasureGaps>();
        for (var m = 0; m < measures.Count; m++)
        {
            var values = measures[m].Values;
            var present = Enumerable.Range(0, values.Length).Where(i => !double.IsNaN(values[i])).ToArray();
            if (present.Length < rule.K)
            {
                return new AnalysisError.TooFewRows(present.Length, rule.K, $"\"{measures[m].Name}\"");
            }

            var all = present.Select(i => values[i]).ToArray();
            var organisation = rule.Apply(all.Length, () => Summarise(all, favourableFrom, report.Scale));
            var byGroup = groups.Select(g => present.Where(i => labels[i] == g).Select(i => values[i]).ToArray()).ToArray();
            var reasons = GroupRelease.Decide(rule, byGroup.Select(v => v.Length).ToArray(), present.Count(i => labels[i] is null));
            var cells = new List<GroupCell>();
            for (var g = 0; g < groups.Count; g++)
            {
                var groupValues = byGroup[g];
                var cell = GroupRelease.Release(rule, reasons[g], groupValues.Length, () => Summarise(groupValues, favourableFrom, report.Scale));
                cells.Add(Cell(groups[g], cell));
                var rest = present.Where(i => labels[i] != groups[g]).Select(i => values[i]).ToArray();
                if (!cell.IsReported || rest.Length < rule.K)
                {
                    // A comparison with the rest is shown only when the rest has at least k people (GroupRelease guarantees 0 or ≥ k).
                    continue;
                }

                var welch = Gaps.Welch(SampleSummary.Of(groupValues), SampleSummary.Of(rest));
                var favGroup = groupValues.Count(v => v >= favourableFrom);
                var favRest = rest.Count(v => v >= favourableFrom);
                var proportions = Gaps.Proportions(favGroup, groupValues.Length, favRest, rest.Length);
                pending.Add((m, Row(groups[g], "rest", groupValues.Length, rest.Length, 1, welch, proportions)));

                // group − organisation = (1 − n_g/N)(group − rest): the same test, every estimate scaled by n_rest/N.
                var share = (double)rest.Length / all.Length;
                pending.Add((m, Row(groups[g], "organisation", groupValues.Length, all.Length, share, welch, proportions)));
            }

            results.Add(new MeasureGaps(
                measures[m].Name,
                organisation.Match(r => r.Value, _ => throw new InvalidOperationException("checked above")),
                cells,
                []));
        }

        var family = pending.SelectMany(p => new[] { p.Row.P, p.Row.FavourableP }).ToArray();
        var adjusted = Gaps.BenjaminiHochberg(family);
        var rows = pending.Select((p, i) => (p.Measure, Row: p.Row with { PBh = adjusted[2 * i], FavourablePBh = adjusted[(2 * i) + 1] })).ToList();
        var measuresOut = results.Select((r, m) => r with { Gaps = rows.Where(x => x.Measure == m).Select(x => x.Row).ToArray() }).ToArray();
        return report with
        {
            Gaps = new GapsReport(
                request.Group!,
                favourableFrom,
                "Welch two-sample t (means) and pooled two-proportion z with Newcombe hybrid score interval (% favourable); 95 % intervals",
                "Benjamini-Hochberg across every p-value in this report (means and % favourable together)",
                family.Count(p => !double.IsNaN(p)),
                measuresOut),
        };
    }

    private static GapRow Row(string group, string comparison, int nGroup, int nComparison, double share, MeanGap welch, ProportionGap proportions) => new(
        group,
        comparison,
        nGroup,
        nComparison,
        share * welch.Difference,
        share * welch.Interval.Lower,
        share * welch.Interval.Upper,
        welch.T,
        welch.DegreesOfFreedom,
        welch.P,
        double.NaN,
        share * welch.CohensD,
        share * welch.HedgesG,
        100 * share * proportions.Difference,
        100 * share * proportions.Interval.Lower,
        100 * share * proportions.Interval.Upper,
        proportions.P,
        double.NaN);

    private static Result<AnalysisReport> RunDrivers(
        AnswerTable table, AnalysisRequest request, AnalysisReport report, IReadOnlyList<string> predictors, List<double[]> columns, MinimumGroupRule rule)
    {
        var outcome = table.Numbers(request.Outcome!, null, null, reverse: false);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        var rows = Enumerable.Range(0, outcome.Value.Length).Select(i => columns.Select(c => c[i]).Append(outcome.Value[i]).ToArray()).ToArray();
        var complete = Enumerable.Range(0, rows.Length).Where(i => rows[i].All(v => !double.IsNaN(v))).ToArray();
        var minimum = Math.Max(Drivers.MinimumN, rule.K);
        if (complete.Length < minimum)
        {
            return new AnalysisError.TooFewRows(complete.Length, minimum, "a driver analysis (complete rows)");
        }

        var whole = rule.Apply(complete.Length, () => Drivers.Analyse(complete.Select(i => rows[i]).ToArray(), predictors));
        var organisation = whole.Match(r => r.Value, _ => throw new InvalidOperationException("checked above"));
        if (!organisation.IsSuccess)
        {
            return new AnalysisError.InvalidOption(organisation.Error!.Message);
        }

        var groups = new List<DriverGroup>();
        if (request.Group is not null)
        {
            var labels = table.Labels(request.Group).Value;
            var order = AnswerTable.Order(labels.OfType<string>());
            var members = order.Select(g => complete.Where(i => labels[i] == g).ToArray()).ToArray();
            var reasons = GroupRelease.Decide(rule, members.Select(m => m.Length).ToArray(), complete.Count(i => labels[i] is null));
            for (var g = 0; g < order.Count; g++)
            {
                var groupRows = members[g].Select(i => rows[i]).ToArray();
                var reason = reasons[g] ?? (groupRows.Length < Drivers.MinimumN ? SuppressionReason.InsufficientSample : null);
                var cell = GroupRelease.Release(rule, reason, groupRows.Length, () => Drivers.Analyse(groupRows, predictors));
                groups.Add(cell.Match(
                    r => r.Value.IsSuccess
                        ? new DriverGroup(order[g], "reported", null, DriverCellOf(r.Value.Value))
                        : new DriverGroup(order[g], "not_analysable", r.Value.Error!.Code, null),
                    s => new DriverGroup(order[g], "suppressed", ReasonName(s.Reason), null)));
            }
        }

        return report with
        {
            Drivers = new DriversReport(request.Outcome!, predictors, Drivers.MinimumN, request.Group, DriverCellOf(organisation.Value), groups),
        };
    }

    private static DriverCell DriverCellOf(DriverAnalysis analysis)
    {
        var ranks = analysis.Drivers.OrderByDescending(d => d.RawWeight).Select((d, i) => (d.Name, Rank: i + 1)).ToDictionary(x => x.Name, x => x.Rank, StringComparer.Ordinal);
        return new DriverCell(
            analysis.N,
            analysis.RSquared,
            analysis.Drivers.Select(d => new DriverRow(d.Name, ranks[d.Name], d.RawWeight, d.RescaledPercent, d.GeneralDominance, d.SingleR2)).ToArray());
    }

    private static Result<AnalysisReport> RunTrend(AnswerTable table, AnalysisRequest request, AnalysisReport report, List<double[]> columns, MissingDataRule missing, MinimumGroupRule rule)
    {
        var scores = Scores(columns, missing);
        var waves = table.Labels(request.Wave!).Value;
        var order = AnswerTable.Order(waves.OfType<string>());
        if (order.Count < 2)
        {
            return new AnalysisError.InvalidOption($"The wave column \"{request.Wave}\" has fewer than two different values; a trend compares waves.");
        }

        var present = Enumerable.Range(0, scores.Length).Where(i => !double.IsNaN(scores[i]) && waves[i] is not null).ToArray();
        if (present.Length < rule.K)
        {
            return new AnalysisError.TooFewRows(present.Length, rule.K, "the trend");
        }

        var labels = request.Group is null ? null : table.Labels(request.Group).Value;
        var groups = labels is null ? [] : AnswerTable.Order(labels.OfType<string>());
        var seriesNames = new List<string> { Everyone };
        seriesNames.AddRange(groups);

        // cells[s][w]: values of series s in wave w, released or not.
        var cells = seriesNames.Select(_ => new (double[] Values, Disclosure<CellSummary> Cell)[order.Count]).ToArray();
        for (var w = 0; w < order.Count; w++)
        {
            var inWave = present.Where(i => waves[i] == order[w]).ToArray();
            var waveValues = inWave.Select(i => scores[i]).ToArray();
            cells[0][w] = (waveValues, rule.Apply(waveValues.Length, () => Summarise(waveValues, null, report.Scale)));
            if (labels is null)
            {
                continue;
            }

            var byGroup = groups.Select(g => inWave.Where(i => labels[i] == g).Select(i => scores[i]).ToArray()).ToArray();
            var reasons = GroupRelease.Decide(rule, byGroup.Select(v => v.Length).ToArray(), inWave.Count(i => labels[i] is null));
            for (var g = 0; g < groups.Count; g++)
            {
                var values = byGroup[g];
                cells[g + 1][w] = (values, GroupRelease.Release(rule, reasons[g], values.Length, () => Summarise(values, null, report.Scale)));
            }
        }

        var series = new List<TrendSeries>();
        for (var s = 0; s < seriesNames.Count; s++)
        {
            var points = new List<TrendPoint>();
            var changes = new List<TrendChange>();
            for (var w = 0; w < order.Count; w++)
            {
                points.Add(cells[s][w].Cell.Match(
                    r => new TrendPoint(order[w], "reported", null, r.Value),
                    x => new TrendPoint(order[w], "suppressed", ReasonName(x.Reason), null)));
                if (w == 0)
                {
                    continue;
                }

                var (fromValues, fromCell) = cells[s][w - 1];
                var (toValues, toCell) = cells[s][w];
                if (!fromCell.IsReported || !toCell.IsReported)
                {
                    changes.Add(new TrendChange(order[w - 1], order[w], "not_compared", "a wave is withheld", null));
                    continue;
                }

                var welch = Gaps.Welch(SampleSummary.Of(toValues), SampleSummary.Of(fromValues));
                changes.Add(new TrendChange(order[w - 1], order[w], "reported", null, new WelchComparison(
                    fromValues.Length, toValues.Length, welch.Difference, welch.Interval.Lower, welch.Interval.Upper, welch.T, welch.DegreesOfFreedom, welch.P, welch.CohensD, welch.HedgesG)));
            }

            series.Add(new TrendSeries(seriesNames[s], points, changes));
        }

        return report with
        {
            Trend = new TrendReport(
                request.Wave!,
                order,
                request.Group,
                "each wave minus the previous wave, same group; Welch two-sample t (answers are anonymous, so waves are independent samples); 95 % intervals",
                series),
        };
    }
}
