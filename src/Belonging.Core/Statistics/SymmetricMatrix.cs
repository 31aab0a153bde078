namespace Belonging.Core.Statistics;

/// <summary>Small dense symmetric-matrix routines (p ≤ a few dozen): eigen-decomposition, solving, covariance and correlation.</summary>
internal static class SymmetricMatrix
{
    /// <summary>Cyclic Jacobi eigen-decomposition of a symmetric matrix: eigenvalues descending, eigenvectors as columns.</summary>
    public static (double[] Values, double[,] Vectors) Eigen(double[,] a)
    {
        var n = a.GetLength(0);
        var m = (double[,])a.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    off += m[i, j] * m[i, j];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(m[p, q]) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (m[q, q] - m[p, p]) / (2 * m[p, q]);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var mkp = m[k, p];
                        var mkq = m[k, q];
                        m[k, p] = (c * mkp) - (s * mkq);
                        m[k, q] = (s * mkp) + (c * mkq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var mpk = m[p, k];
                        var mqk = m[q, k];
                        m[p, k] = (c * mpk) - (s * mqk);
                        m[q, k] = (s * mpk) + (c * mqk);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = (c * vkp) - (s * vkq);
                        v[k, q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => m[i, i]).ToArray();
        var values = order.Select(i => m[i, i]).ToArray();
        var vectors = new double[n, n];
        for (var col = 0; col < n; col++)
        {
            for (var row = 0; row < n; row++)
            {
                vectors[row, col] = v[row, order[col]];
            }
        }

        return (values, vectors);
    }

    /// <summary>Solves A x = b for symmetric positive-definite A by Gaussian elimination with partial pivoting.</summary>
    public static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(m[pivot, col]) < 1e-14)
            {
                throw new InvalidOperationException("The predictors are collinear: the correlation matrix is singular.");
            }

            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                {
                    (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[r, k] -= f * m[col, k];
                }

                x[r] -= f * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var s = x[r];
            for (var k = r + 1; k < n; k++)
            {
                s -= m[r, k] * x[k];
            }

            x[r] = s / m[r, r];
        }

        return x;
    }

    /// <summary>Turns a covariance matrix into a correlation matrix.</summary>
    public static double[,] ToCorrelation(double[,] cov)
    {
        var n = cov.GetLength(0);
        var r = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                r[i, j] = i == j ? 1 : cov[i, j] / Math.Sqrt(cov[i, i] * cov[j, j]);
            }
        }

        return r;
    }

    /// <summary>Sample covariance (n − 1) of complete rows (listwise).</summary>
    public static double[,] ListwiseCovariance(IReadOnlyList<double[]> rows, int p)
    {
        var n = rows.Count;
        var mean = new double[p];
        foreach (var row in rows)
        {
            for (var j = 0; j < p; j++)
            {
                mean[j] += row[j];
            }
        }

        for (var j = 0; j < p; j++)
        {
            mean[j] /= n;
        }

        var c = new double[p, p];
        foreach (var row in rows)
        {
            for (var i = 0; i < p; i++)
            {
                var di = row[i] - mean[i];
                for (var j = i; j < p; j++)
                {
                    c[i, j] += di * (row[j] - mean[j]);
                }
            }
        }

        for (var i = 0; i < p; i++)
        {
            for (var j = i; j < p; j++)
            {
                c[i, j] /= n - 1;
                c[j, i] = c[i, j];
            }
        }

        return c;
    }

    /// <summary>
    /// Pairwise-complete sample covariance, as R's <c>cov(x, use = "pairwise")</c>: each entry uses the rows where both
    /// columns are present, with means over those rows. NaN marks a missing value.
    /// </summary>
    public static double[,] PairwiseCovariance(IReadOnlyList<double[]> rows, int p)
    {
        var c = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            for (var j = i; j < p; j++)
            {
                double si = 0, sj = 0;
                var n = 0;
                foreach (var row in rows)
                {
                    if (!double.IsNaN(row[i]) && !double.IsNaN(row[j]))
                    {
                        si += row[i];
                        sj += row[j];
                        n++;
                    }
                }

                if (n < 2)
                {
                    c[i, j] = c[j, i] = double.NaN;
                    continue;
                }

                var mi = si / n;
                var mj = sj / n;
                double s = 0;
                foreach (var row in rows)
                {
                    if (!double.IsNaN(row[i]) && !double.IsNaN(row[j]))
                    {
                        s += (row[i] - mi) * (row[j] - mj);
                    }
                }

                c[i, j] = c[j, i] = s / (n - 1);
            }
        }

        return c;
    }

    /// <summary>Sum of all entries.</summary>
    public static double Sum(double[,] a)
    {
        double s = 0;
        foreach (var x in a)
        {
            s += x;
        }

        return s;
    }

    /// <summary>The matrix without row and column <paramref name="drop"/>.</summary>
    public static double[,] Without(double[,] a, int drop)
    {
        var n = a.GetLength(0);
        var r = new double[n - 1, n - 1];
        for (int i = 0, ri = 0; i < n; i++)
        {
            if (i == drop)
            {
                continue;
            }

            for (int j = 0, rj = 0; j < n; j++)
            {
                if (j == drop)
                {
                    continue;
                }

                r[ri, rj++] = a[i, j];
            }

            ri++;
        }

        return r;
    }

    /// <summary>The sub-matrix on the given indices.</summary>
    public static double[,] Sub(double[,] a, IReadOnlyList<int> idx)
    {
        var r = new double[idx.Count, idx.Count];
        for (var i = 0; i < idx.Count; i++)
        {
            for (var j = 0; j < idx.Count; j++)
            {
                r[i, j] = a[idx[i], idx[j]];
            }
        }

        return r;
    }
}
