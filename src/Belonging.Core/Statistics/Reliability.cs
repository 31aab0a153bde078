namespace Belonging.Core.Statistics;

/// <summary>How a statistic handles respondents who skipped some of the items it uses ("don't know" counts as skipped).</summary>
public enum MissingDataRule
{
    /// <summary>Only respondents who answered every item are used.</summary>
    Listwise = 1,

    /// <summary>Each pair of items uses every respondent who answered both (R's <c>use = "pairwise"</c>).</summary>
    Pairwise = 2,
}

/// <summary>Per-item reliability figures.</summary>
/// <param name="Name">Item name.</param>
/// <param name="N">Answers to this item used (listwise: complete rows; pairwise: everyone who answered it).</param>
/// <param name="Mean">Mean keyed answer.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1).</param>
/// <param name="AlphaIfDeletedRaw">Raw alpha of the scale without this item.</param>
/// <param name="AlphaIfDeletedStandardised">Standardised alpha of the scale without this item.</param>
/// <param name="CorrectedItemTotal">Correlation of the item with the sum of the other items (psych's <c>r.drop</c>).</param>
public sealed record ItemReliability(
    string Name, int N, double Mean, double StandardDeviation, double AlphaIfDeletedRaw, double AlphaIfDeletedStandardised, double CorrectedItemTotal);

/// <summary>Reliability of one scale (e.g. one blueprint component).</summary>
/// <param name="Rule">Missing-data rule used.</param>
/// <param name="Respondents">Listwise: complete rows. Pairwise: rows with at least one answer.</param>
/// <param name="RawAlpha">Cronbach's alpha from covariances: k/(k−1)·(1 − tr C / ΣC).</param>
/// <param name="StandardisedAlpha">Alpha from correlations: k/(k−1)·(1 − k / ΣR).</param>
/// <param name="AverageInterItemCorrelation">Mean off-diagonal correlation.</param>
/// <param name="ScaleMean">Mean of respondents' item means (available items).</param>
/// <param name="ScaleStandardDeviation">Sample SD of respondents' item means.</param>
/// <param name="Items">Per-item figures, in input order.</param>
/// <param name="OmegaTotal">McDonald's omega total from a one-factor maximum-likelihood model on the correlation matrix; null when the model cannot be fitted (fewer than 3 items).</param>
/// <param name="Loadings">One-factor ML loadings (standardised), in item order; empty when <paramref name="OmegaTotal"/> is null.</param>
public sealed record ReliabilityResult(
    MissingDataRule Rule,
    int Respondents,
    double RawAlpha,
    double StandardisedAlpha,
    double AverageInterItemCorrelation,
    double ScaleMean,
    double ScaleStandardDeviation,
    IReadOnlyList<ItemReliability> Items,
    double? OmegaTotal,
    IReadOnlyList<double> Loadings);

/// <summary>What a scale's reliability needs from its rows (<see cref="Reliability.Summarise"/>).</summary>
/// <param name="Rule">Missing-data rule.</param>
/// <param name="Respondents">Rows used (listwise: complete; pairwise: with at least one answer).</param>
/// <param name="Covariance">Item covariance (listwise, or pairwise-complete as R's <c>cov(use = "pairwise")</c>).</param>
/// <param name="ScaleMean">Mean of respondents' item means.</param>
/// <param name="ScaleStandardDeviation">Sample SD of respondents' item means.</param>
/// <param name="Items">Per item: answers used, mean and sample variance.</param>
public sealed record ReliabilityStatistics(
    MissingDataRule Rule, int Respondents, double[,] Covariance, double ScaleMean, double ScaleStandardDeviation, IReadOnlyList<SampleSummary> Items);

/// <summary>
/// Internal-consistency reliability of a multi-item scale. Reproduces R <c>psych::alpha</c> (pairwise covariances,
/// its default) and the plain listwise Cronbach formula; omega total from <c>stats::factanal</c> with one factor.
/// </summary>
public static class Reliability
{
    /// <summary>Analyses a scale.</summary>
    /// <param name="rows">One array per respondent, keyed answers (reverse-keyed items already reversed), NaN = missing.</param>
    /// <param name="names">Item names, one per column (at least 2).</param>
    /// <param name="rule">Missing-data rule.</param>
    /// <returns>The reliability figures; alpha is NaN when the data have no variance.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 items, ragged rows, or fewer than 2 usable respondents.</exception>
    public static ReliabilityResult Analyse(IReadOnlyList<double[]> rows, IReadOnlyList<string> names, MissingDataRule rule)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(names);
        return Analyse(Summarise(rows, names, rule), names);
    }

    /// <summary>
    /// The sufficient statistics of a scale's reliability: the rows the rule uses, their covariance (listwise or
    /// pairwise), the mean and sample SD of respondents' item means, and each item's n, mean and sample variance.
    /// </summary>
    /// <param name="rows">As for <see cref="Analyse(IReadOnlyList{double[]}, IReadOnlyList{string}, MissingDataRule)"/>.</param>
    /// <param name="names">Item names, one per column (at least 2; used in error messages only).</param>
    /// <param name="rule">Missing-data rule.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentException">As for the analysis on rows.</exception>
    public static ReliabilityStatistics Summarise(IReadOnlyList<double[]> rows, IReadOnlyList<string> names, MissingDataRule rule)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(names);
        var p = names.Count;
        if (p < 2)
        {
            throw new ArgumentException("Reliability needs at least two items.", nameof(names));
        }

        if (rows.Any(r => r.Length != p))
        {
            throw new ArgumentException("Every row needs one value per item.", nameof(rows));
        }

        var used = UsedRows(rows, rule);
        if (used.Length < 2)
        {
            throw new ArgumentException("Reliability needs at least two respondents with answers.", nameof(rows));
        }

        for (var i = 0; i < p; i++)
        {
            if (AnswerCount(used, i) < 2)
            {
                throw new ArgumentException($"Item '{names[i]}' has fewer than two answers; reliability cannot be estimated.", nameof(rows));
            }
        }

        var c = rule == MissingDataRule.Listwise
            ? SymmetricMatrix.ListwiseCovariance(used, p)
            : SymmetricMatrix.PairwiseCovariance(used, p);
        var scores = used.Select(RowMean).ToArray();
        var scaleMean = scores.Average();
        var scaleSd = Math.Sqrt(scores.Sum(s => (s - scaleMean) * (s - scaleMean)) / (scores.Length - 1));
        var items = new SampleSummary[p];
        for (var i = 0; i < p; i++)
        {
            var values = used.Select(row => row[i]).Where(v => !double.IsNaN(v)).ToArray();
            var mean = values.Average();
            items[i] = new SampleSummary(values.Length, mean, values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        }

        return new ReliabilityStatistics(rule, used.Length, c, scaleMean, scaleSd, items);
    }

    /// <summary>
    /// Analyses a scale from its <see cref="ReliabilityStatistics"/>: exactly what <see cref="Analyse(IReadOnlyList{double[]}, IReadOnlyList{string}, MissingDataRule)"/>
    /// gives on the rows they were summarised from.
    /// </summary>
    /// <param name="statistics">The scale's statistics (<see cref="Summarise"/>).</param>
    /// <param name="names">Item names, one per column.</param>
    /// <returns>The reliability figures.</returns>
    public static ReliabilityResult Analyse(ReliabilityStatistics statistics, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(names);
        var p = names.Count;
        var c = statistics.Covariance;
        if (c.GetLength(0) != p || statistics.Items.Count != p)
        {
            throw new ArgumentException("The statistics need one row, column and item summary per name.", nameof(statistics));
        }

        var r = SymmetricMatrix.ToCorrelation(c);
        var (raw, std, avgR) = Alpha(c, r);
        var items = new ItemReliability[p];
        for (var i = 0; i < p; i++)
        {
            var summary = statistics.Items[i];
            var (dropRaw, dropStd, _) = p > 2
                ? Alpha(SymmetricMatrix.Without(c, i), SymmetricMatrix.Without(r, i))
                : (double.NaN, double.NaN, double.NaN);
            double otherSum = 0, covWithOthers = 0;
            for (var a = 0; a < p; a++)
            {
                if (a == i)
                {
                    continue;
                }

                covWithOthers += c[a, i];
                for (var b = 0; b < p; b++)
                {
                    if (b != i)
                    {
                        otherSum += c[a, b];
                    }
                }
            }

            items[i] = new ItemReliability(names[i], summary.N, summary.Mean, Math.Sqrt(summary.Variance), dropRaw, dropStd, covWithOthers / Math.Sqrt(c[i, i] * otherSum));
        }

        var factor = p >= 3 ? FactorAnalysis.OneFactor(r) : null;
        return new ReliabilityResult(
            statistics.Rule,
            statistics.Respondents,
            raw,
            std,
            avgR,
            statistics.ScaleMean,
            statistics.ScaleStandardDeviation,
            items,
            factor?.OmegaTotal,
            factor?.Loadings ?? []);
    }

    /// <summary>True when every item has at least two answers among the rows the rule uses, so <see cref="Analyse(IReadOnlyList{double[]}, IReadOnlyList{string}, MissingDataRule)"/> can run.</summary>
    /// <param name="rows">Rows as for <see cref="Analyse(IReadOnlyList{double[]}, IReadOnlyList{string}, MissingDataRule)"/>.</param>
    /// <param name="rule">Missing-data rule.</param>
    /// <returns>Whether the data are enough for an estimate.</returns>
    public static bool CanAnalyse(IReadOnlyList<double[]> rows, MissingDataRule rule)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var used = UsedRows(rows, rule);
        return used.Length >= 2 && used[0].Length >= 2 && Enumerable.Range(0, used[0].Length).All(i => AnswerCount(used, i) >= 2);
    }

    /// <summary>Listwise: complete rows only; pairwise: rows with at least one answer.</summary>
    private static double[][] UsedRows(IReadOnlyList<double[]> rows, MissingDataRule rule) =>
        rule == MissingDataRule.Listwise
            ? rows.Where(r => r.All(v => !double.IsNaN(v))).ToArray()
            : rows.Where(r => r.Any(v => !double.IsNaN(v))).ToArray();

    private static int AnswerCount(double[][] rows, int item) => rows.Count(r => !double.IsNaN(r[item]));

    /// <summary>Raw and standardised Cronbach's alpha from a covariance and its correlation matrix.</summary>
    /// <param name="covariance">Item covariance matrix (k × k, k ≥ 2).</param>
    /// <param name="correlation">The matching correlation matrix.</param>
    /// <returns>Raw alpha, standardised alpha and the mean inter-item correlation.</returns>
    public static (double Raw, double Standardised, double AverageCorrelation) Alpha(double[,] covariance, double[,] correlation)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(correlation);
        var k = covariance.GetLength(0);
        double trace = 0;
        for (var i = 0; i < k; i++)
        {
            trace += covariance[i, i];
        }

        var f = k / (k - 1.0);
        var sumR = SymmetricMatrix.Sum(correlation);
        return (f * (1 - (trace / SymmetricMatrix.Sum(covariance))), f * (1 - (k / sumR)), (sumR - k) / (k * (k - 1.0)));
    }

    private static double RowMean(double[] row)
    {
        double s = 0;
        var n = 0;
        foreach (var v in row)
        {
            if (!double.IsNaN(v))
            {
                s += v;
                n++;
            }
        }

        return s / n;
    }
}
