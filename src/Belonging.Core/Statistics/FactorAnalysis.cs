namespace Belonging.Core.Statistics;

/// <summary>A fitted one-factor model on a correlation matrix.</summary>
/// <param name="Loadings">Standardised loadings, sign chosen so that their sum is positive.</param>
/// <param name="Uniquenesses">1 − loading² for each item (bounded below by 0.005, as <c>factanal</c>).</param>
/// <param name="OmegaTotal">McDonald's omega total: (Σλ)² / ((Σλ)² + Σψ).</param>
/// <param name="Iterations">Iterations used.</param>
public sealed record OneFactorModel(IReadOnlyList<double> Loadings, IReadOnlyList<double> Uniquenesses, double OmegaTotal, int Iterations);

/// <summary>Maximum-likelihood factor analysis with one factor, reproducing R <c>stats::factanal(factors = 1)</c>.</summary>
public static class FactorAnalysis
{
    /// <summary>
    /// Fits one factor by maximum likelihood. For given uniquenesses Ψ the ML loadings are
    /// Λ = Ψ^½·u·√(max(θ − 1, 0)) with θ, u the largest eigenpair of Ψ^−½ R Ψ^−½ (Jöreskog 1967);
    /// Ψ is then updated to diag(R − ΛΛᵀ) until it stops changing (1e-13), which is the stationary point
    /// <c>factanal</c>'s optimiser finds. Uniquenesses are bounded below by 0.005 like <c>factanal</c>'s <c>lower</c>.
    /// </summary>
    /// <param name="correlation">Item correlation matrix (p ≥ 3).</param>
    /// <returns>
    /// The model, or null when the matrix is not positive definite (possible with pairwise deletion, or when items are
    /// constant or perfectly collinear): <c>factanal</c> refuses such a matrix, and so do we rather than report a number.
    /// </returns>
    public static OneFactorModel? OneFactor(double[,] correlation)
    {
        ArgumentNullException.ThrowIfNull(correlation);
        var p = correlation.GetLength(0);
        if (p < 3)
        {
            throw new ArgumentException("A one-factor model needs at least three items.", nameof(correlation));
        }

        if (!IsPositiveDefinite(correlation))
        {
            return null;
        }

        // factanal's start: (1 − 0.5·factors/p) / diag(R⁻¹).
        var psi = new double[p];
        for (var i = 0; i < p; i++)
        {
            var e = new double[p];
            e[i] = 1;
            psi[i] = (1 - (0.5 / p)) / SymmetricMatrix.Solve(correlation, e)[i];
        }

        var loadings = new double[p];
        var iterations = 0;
        for (; iterations < 100_000; iterations++)
        {
            var scaled = new double[p, p];
            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j < p; j++)
                {
                    scaled[i, j] = correlation[i, j] / Math.Sqrt(psi[i] * psi[j]);
                }
            }

            var (values, vectors) = SymmetricMatrix.Eigen(scaled);
            var stretch = Math.Sqrt(Math.Max(values[0] - 1, 0));
            double change = 0;
            for (var i = 0; i < p; i++)
            {
                loadings[i] = Math.Sqrt(psi[i]) * vectors[i, 0] * stretch;
                var next = Math.Max(0.005, 1 - (loadings[i] * loadings[i]));
                change = Math.Max(change, Math.Abs(next - psi[i]));
                psi[i] = next;
            }

            if (change < 1e-13)
            {
                break;
            }
        }

        if (loadings.Sum() < 0)
        {
            for (var i = 0; i < p; i++)
            {
                loadings[i] = -loadings[i];
            }
        }

        var s = loadings.Sum();
        var omega = s * s / ((s * s) + psi.Sum());
        return double.IsFinite(omega) ? new OneFactorModel(loadings, psi, omega, iterations) : null;
    }

    private static bool IsPositiveDefinite(double[,] matrix)
    {
        var p = matrix.GetLength(0);
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                if (!double.IsFinite(matrix[i, j]))
                {
                    return false;
                }
            }
        }

        var (values, _) = SymmetricMatrix.Eigen(matrix);
        return values.Min() > 1e-10;
    }
}
