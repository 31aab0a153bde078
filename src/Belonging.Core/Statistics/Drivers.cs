namespace Belonging.Core.Statistics;

/// <summary>A driver's contribution to explaining an outcome.</summary>
/// <param name="Name">Predictor name.</param>
/// <param name="RawWeight">Relative weight ε (Johnson 2000): its share of R²; the weights sum to R².</param>
/// <param name="RescaledPercent">Raw weight as % of R².</param>
/// <param name="GeneralDominance">General dominance weight (Azen &amp; Budescu 2003): mean R² increase over all subset sizes; also sums to R².</param>
/// <param name="SingleR2">R² of the outcome on this predictor alone (squared correlation).</param>
public sealed record DriverWeight(string Name, double RawWeight, double RescaledPercent, double GeneralDominance, double SingleR2);

/// <summary>A driver analysis.</summary>
/// <param name="N">Complete rows used (listwise).</param>
/// <param name="RSquared">R² of the outcome on all predictors together (ordinary least squares).</param>
/// <param name="Drivers">Weights, in predictor order.</param>
public sealed record DriverAnalysis(int N, double RSquared, IReadOnlyList<DriverWeight> Drivers);

/// <summary>What a driver analysis needs from its rows (<see cref="Drivers.Summarise"/>).</summary>
/// <param name="N">Complete rows (listwise).</param>
/// <param name="Covariance">Their sample covariance (n − 1), predictors then the outcome; null when N &lt; 2.</param>
public sealed record DriverStatistics(int N, double[,]? Covariance);

/// <summary>
/// Key-driver analysis: which predictors (components or items) explain most of an outcome (e.g. sense of
/// belonging). Relative weights reproduce R <c>rwa::rwa</c>; general dominance reproduces
/// <c>dominanceanalysis::averageContribution</c>. Both split R² fairly among correlated predictors, which raw
/// regression coefficients do not.
/// </summary>
public static class Drivers
{
    /// <summary>Fewest complete answers a driver analysis accepts.</summary>
    public const int MinimumN = 30;

    /// <summary>Runs both analyses on rows with every value present (listwise).</summary>
    /// <param name="rows">One array per respondent: predictors in <paramref name="names"/> order, then the outcome last; NaN = missing.</param>
    /// <param name="names">Predictor names (1..16: dominance analysis fits 2^p subsets).</param>
    /// <param name="minimumN">Fewest complete rows (never below <see cref="MinimumN"/>).</param>
    /// <returns>The analysis, <see cref="SampleTooSmallError"/> when fewer complete rows, or <see cref="CollinearPredictorsError"/>.</returns>
    public static Result<DriverAnalysis> Analyse(IReadOnlyList<double[]> rows, IReadOnlyList<string> names, int minimumN = MinimumN)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(names);
        var p = names.Count;
        if (p is < 1 or > 16)
        {
            throw new ArgumentException("A driver analysis takes 1 to 16 predictors.", nameof(names));
        }

        var complete = rows.Where(r => r.Length == p + 1 && r.All(v => !double.IsNaN(v))).ToArray();
        var minimum = Math.Max(MinimumN, minimumN);
        if (complete.Length < minimum)
        {
            return new SampleTooSmallError("a driver analysis", minimum);
        }

        return Analyse(new DriverStatistics(complete.Length, SymmetricMatrix.ListwiseCovariance(complete, p + 1)), names, minimumN);
    }

    /// <summary>
    /// The sufficient statistics of a driver analysis: the complete rows' count and their sample covariance (n − 1),
    /// predictors then the outcome. <see cref="Analyse(DriverStatistics, IReadOnlyList{string}, int)"/> on them gives
    /// exactly what <see cref="Analyse(IReadOnlyList{double[]}, IReadOnlyList{string}, int)"/> gives on the rows.
    /// </summary>
    /// <param name="rows">As for the analysis; rows with a missing value are dropped (listwise).</param>
    /// <param name="columns">Values per row (predictors + 1).</param>
    /// <returns>The statistics; the covariance is null when fewer than 2 complete rows.</returns>
    public static DriverStatistics Summarise(IReadOnlyList<double[]> rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var complete = rows.Where(r => r.Length == columns && r.All(v => !double.IsNaN(v))).ToArray();
        return new DriverStatistics(complete.Length, complete.Length < 2 ? null : SymmetricMatrix.ListwiseCovariance(complete, columns));
    }

    /// <summary>Runs both analyses from the complete rows' covariance (see <see cref="Summarise"/>).</summary>
    /// <param name="statistics">Complete rows' count and covariance (predictors in <paramref name="names"/> order, then the outcome).</param>
    /// <param name="names">Predictor names (1..16).</param>
    /// <param name="minimumN">Fewest complete rows (never below <see cref="MinimumN"/>).</param>
    /// <returns>As for the analysis on rows.</returns>
    public static Result<DriverAnalysis> Analyse(DriverStatistics statistics, IReadOnlyList<string> names, int minimumN = MinimumN)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(names);
        var p = names.Count;
        if (p is < 1 or > 16)
        {
            throw new ArgumentException("A driver analysis takes 1 to 16 predictors.", nameof(names));
        }

        var minimum = Math.Max(MinimumN, minimumN);
        if (statistics.N < minimum || statistics.Covariance is not { } covariance)
        {
            return new SampleTooSmallError("a driver analysis", minimum);
        }

        if (covariance.GetLength(0) != p + 1 || covariance.GetLength(1) != p + 1)
        {
            throw new ArgumentException("The covariance needs one row and column per predictor and one for the outcome.", nameof(statistics));
        }

        var r = SymmetricMatrix.ToCorrelation(covariance);
        var predictors = Enumerable.Range(0, p).ToArray();
        var rxx = SymmetricMatrix.Sub(r, predictors);
        var rxy = predictors.Select(i => r[i, p]).ToArray();
        if (predictors.Any(i => double.IsNaN(rxy[i])) || rxx.Cast<double>().Any(double.IsNaN))
        {
            return new CollinearPredictorsError();
        }

        var (values, vectors) = SymmetricMatrix.Eigen(rxx);
        if (values[^1] < 1e-10)
        {
            return new CollinearPredictorsError();
        }

        // Λ = V diag(√λ) Vᵀ is the symmetric square root of Rxx; β = Λ⁻¹ r_xy = V diag(1/√λ) Vᵀ r_xy.
        var lambda = new double[p, p];
        var beta = new double[p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                double s = 0, sInv = 0;
                for (var k = 0; k < p; k++)
                {
                    s += vectors[i, k] * Math.Sqrt(values[k]) * vectors[j, k];
                    sInv += vectors[i, k] / Math.Sqrt(values[k]) * vectors[j, k];
                }

                lambda[i, j] = s;
                beta[i] += sInv * rxy[j];
            }
        }

        var raw = new double[p];
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < p; k++)
            {
                raw[j] += lambda[j, k] * lambda[j, k] * beta[k] * beta[k];
            }
        }

        var r2 = raw.Sum();
        var dominance = GeneralDominance(rxx, rxy);
        return new DriverAnalysis(
            statistics.N,
            r2,
            predictors.Select(i => new DriverWeight(names[i], raw[i], 100 * raw[i] / r2, dominance[i], rxy[i] * rxy[i])).ToArray());
    }

    /// <summary>R² of a regression on the predictors in <paramref name="subset"/>: r_Sᵀ R_SS⁻¹ r_S.</summary>
    private static double RSquared(double[,] rxx, double[] rxy, int[] subset)
    {
        if (subset.Length == 0)
        {
            return 0;
        }

        var rs = subset.Select(i => rxy[i]).ToArray();
        var b = SymmetricMatrix.Solve(SymmetricMatrix.Sub(rxx, subset), rs);
        return b.Select((x, i) => x * rs[i]).Sum();
    }

    /// <summary>General dominance: for each predictor, the mean over subset sizes of its mean R² increment.</summary>
    private static double[] GeneralDominance(double[,] rxx, double[] rxy)
    {
        var p = rxy.Length;
        var r2 = new double[1 << p];
        for (var mask = 1; mask < r2.Length; mask++)
        {
            r2[mask] = RSquared(rxx, rxy, Enumerable.Range(0, p).Where(i => (mask & (1 << i)) != 0).ToArray());
        }

        var result = new double[p];
        for (var j = 0; j < p; j++)
        {
            var sumBySize = new double[p];
            var countBySize = new int[p];
            for (var mask = 0; mask < r2.Length; mask++)
            {
                if ((mask & (1 << j)) != 0)
                {
                    continue;
                }

                var size = System.Numerics.BitOperations.PopCount((uint)mask);
                sumBySize[size] += r2[mask | (1 << j)] - r2[mask];
                countBySize[size]++;
            }

            result[j] = Enumerable.Range(0, p).Average(s => sumBySize[s] / countBySize[s]);
        }

        return result;
    }
}
