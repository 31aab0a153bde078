using System.Globalization;
using Belonging.Core.Privacy;
using CsCheck;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// The exact attacker pinned against an independent computation: for small random cell systems (a root with two or
/// three teams, people attached directly to the root, up to two attributes and their intersection, at most eight
/// unknowns), every feasible non-negative integer table is enumerated by brute force and the per-variable and per-sum
/// minima and maxima are compared with <see cref="AttackEngine"/>'s exactly. The organisation total is always known,
/// so every variable lies in [0, total] and the enumeration is finite and complete. Branch and bound, which such small
/// systems never need, is pinned on random small integer programmes with fractional LP optima.
/// </summary>
public sealed class AttackEngineBruteForceTests
{
    private const int MaxUnknowns = 8;

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.Int[2, 3], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Bool, Gen.Int[0, 2], Gen.Int)
            .Select(t => new Case(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6));

    [Fact]
    public void Attack_SmallRandomSystems_BoundsEqualBruteForceEnumeration()
    {
        var unproven = 0;
        var fractional = 0;
        FixedSeeds.Sample(
            Cases,
            c =>
            {
                var (system, unknown, sums) = Build(c);
                var exact = BruteForce(system, unknown, sums);
                var variables = Enumerable.Range(0, system.VariableCount).Where(v => unknown[v]).ToList();

                var bounds = new AttackEngine(system).Attack(unknown, variables);
                var sumBounds = new AttackEngine(system).AttackSums(unknown, sums);
                foreach (var v in variables)
                {
                    Assert.Equal(exact.Variables[v], (bounds[v].Min, bounds[v].Max));
                    Assert.True(bounds[v].Proven);
                }

                for (var i = 0; i < sums.Count; i++)
                {
                    Assert.Equal(exact.Sums[i], (sumBounds[i].Min, sumBounds[i].Max));
                }

                // With no branch-and-bound budget, an unproven bound is the LP relaxation's: it must contain the integer
                // range (never claim a narrower one) and be marked as not proven.
                var relaxed = new AttackEngine(system, branchBudget: 0);
                var lp = relaxed.Attack(unknown, variables);
                foreach (var v in variables)
                {
                    if (lp[v].Proven)
                    {
                        Assert.Equal(exact.Variables[v], (lp[v].Min, lp[v].Max));
                    }
                    else
                    {
                        unproven++;
                        Assert.True(lp[v].Min <= exact.Variables[v].Min && lp[v].Max >= exact.Variables[v].Max);
                        Assert.True(lp[v].IsNarrowerThan(int.MaxValue / 2), "an unproven bound must count as narrow");
                    }
                }

                var lpSums = relaxed.AttackSums(unknown, sums);
                fractional += lpSums.Count(b => !b.Proven);
            },
            seed: "0000BrUt3F0r",
            iter: 1000,
            print: c => c.ToString());

        TestContext.Current.TestOutputHelper?.WriteLine($"{unproven} variable bounds and {fractional} sums needed branch and bound");
    }

    [Fact]
    public void MaximizeInteger_RandomSmallProgrammesWithFractionalVertices_EqualsBruteForceEnumeration()
    {
        // Cell systems this small are totally unimodular (no fractional vertex), so branch and bound is pinned here on
        // random programmes A x = b, x ∈ ℤ≥0, with A in {0, 1, 2} (every column covered, so x_j ≤ max b) and b = A x*
        // for a random integer x*: their LP optima are often fractional.
        var branched = 0;
        FixedSeeds.Sample(
            Gen.Select(Gen.Int[2, 6], Gen.Int[1, 4], Gen.Int),
            t =>
            {
                var (columns, rows, seed) = t;
                var random = new Random(seed);
                var a = new List<int[]>();
                for (var r = 0; r < rows; r++)
                {
                    a.Add([.. Enumerable.Range(0, columns).Select(_ => random.Next(3))]);
                }

                for (var j = 0; j < columns; j++)
                {
                    a[random.Next(rows)][j] = Math.Max(1, a[random.Next(rows)][j]);
                    if (a.All(row => row[j] == 0))
                    {
                        a[0][j] = 1;
                    }
                }

                var truth = Enumerable.Range(0, columns).Select(_ => random.Next(4)).ToArray();
                var b = a.Select(row => row.Zip(truth, (x, y) => x * y).Sum()).ToArray();
                var box = b.Max();
                var solutions = Enumerate(a, b, columns, box);
                var ra = a.Select(row => row.Select(x => Rational.FromInteger(x)).ToArray()).ToList();
                var rb = b.Select(x => Rational.FromInteger(x)).ToArray();
                foreach (var j in Enumerable.Range(0, columns))
                {
                    foreach (var sign in new[] { 1, -1 })
                    {
                        var objective = new Rational[columns];
                        objective[j] = Rational.FromInteger(sign);
                        var exact = solutions.Max(x => sign * x[j]);
                        var (status, value) = RationalSimplex.MaximizeInteger(ra, rb, columns, objective, null);
                        Assert.Equal(RationalSimplex.Status.Optimal, status);
                        Assert.Equal(exact, (int)value);

                        var (relaxedStatus, bound) = RationalSimplex.MaximizeInteger(ra, rb, columns, objective, null, branchBudget: 0);
                        if (relaxedStatus == RationalSimplex.Status.BudgetExceeded)
                        {
                            branched++;
                            Assert.True((int)bound >= exact, $"LP bound {bound} below the integer optimum {exact}");
                        }
                        else
                        {
                            Assert.Equal(exact, (int)bound);
                        }
                    }
                }
            },
            seed: "0000Br4nch01",
            iter: 300,
            print: t => t.ToString());

        Assert.True(branched >= 20, $"only {branched} objectives had a fractional LP optimum");
        TestContext.Current.TestOutputHelper?.WriteLine($"{branched} objectives needed branch and bound");
    }

    private static List<int[]> Enumerate(List<int[]> a, int[] b, int columns, int box)
    {
        var found = new List<int[]>();
        var x = new int[columns];

        void Search(int j)
        {
            if (j == columns)
            {
                if (a.Select(row => row.Zip(x, (p, q) => p * q).Sum()).SequenceEqual(b))
                {
                    found.Add((int[])x.Clone());
                }

                return;
            }

            for (var v = 0; v <= box; v++)
            {
                x[j] = v;
                if (a.Select((row, r) => Enumerable.Range(0, j + 1).Sum(c => row[c] * x[c]) <= b[r]).All(ok => ok))
                {
                    Search(j + 1);
                }
            }

            x[j] = 0;
        }

        Search(0);
        Assert.NotEmpty(found);
        return found;
    }

    /// <summary>Exact integer minima and maxima by enumerating every feasible table of the unknowns in [0, total].</summary>
    private static (Dictionary<int, (int Min, int? Max)> Variables, List<(int Min, int? Max)> Sums) BruteForce(CellSystem system, bool[] unknown, List<int[]> sums)
    {
        var order = Enumerable.Range(0, system.VariableCount).Where(v => unknown[v]).ToArray();
        var box = system.Truth[system.Index[CellKey.Total("org")]];
        var value = new int?[system.VariableCount];
        for (var v = 0; v < system.VariableCount; v++)
        {
            value[v] = unknown[v] ? null : system.Truth[v];
        }

        var min = order.ToDictionary(v => v, _ => int.MaxValue);
        var max = order.ToDictionary(v => v, _ => int.MinValue);
        var sumMin = sums.Select(_ => int.MaxValue).ToArray();
        var sumMax = sums.Select(_ => int.MinValue).ToArray();
        var solutions = 0;

        bool Consistent()
        {
            foreach (var row in system.Rows)
            {
                long total = 0;
                long lo = 0;
                long hi = 0;
                foreach (var (v, coef) in row)
                {
                    if (value[v] is { } x)
                    {
                        total += coef * x;
                    }
                    else if (coef > 0)
                    {
                        hi += coef * box;
                    }
                    else
                    {
                        lo += coef * box;
                    }
                }

                if (-total < lo || -total > hi)
                {
                    return false;
                }
            }

            return true;
        }

        void Search(int i)
        {
            if (i == order.Length)
            {
                solutions++;
                foreach (var v in order)
                {
                    min[v] = Math.Min(min[v], value[v]!.Value);
                    max[v] = Math.Max(max[v], value[v]!.Value);
                }

                for (var s = 0; s < sums.Count; s++)
                {
                    var total = sums[s].Sum(v => value[v]!.Value);
                    sumMin[s] = Math.Min(sumMin[s], total);
                    sumMax[s] = Math.Max(sumMax[s], total);
                }

                return;
            }

            for (var x = 0; x <= box; x++)
            {
                value[order[i]] = x;
                if (Consistent())
                {
                    Search(i + 1);
                }
            }

            value[order[i]] = null;
        }

        Search(0);
        Assert.True(solutions > 0, "the true table is always feasible");
        return (order.ToDictionary(v => v, v => (min[v], (int?)max[v])), [.. sums.Select((_, s) => (sumMin[s], (int?)sumMax[s]))]);
    }

    /// <summary>A random small organisation, a random set of at most eight unknowns (the total known) and a few sums of them.</summary>
    private static (CellSystem System, bool[] Unknown, List<int[]> Sums) Build(Case c)
    {
        var random = new Random(c.Seed);
        var teams = Enumerable.Range(1, c.Teams).Select(t => string.Create(CultureInfo.InvariantCulture, $"t{t}")).ToList();
        var units = new List<OrgUnitNode> { new("org", null) };
        units.AddRange(teams.Select(t => new OrgUnitNode(t, "org")));
        var attributes = Enumerable.Range(0, c.Attributes)
            .Select(a => new AttributeDesignation(string.Create(CultureInfo.InvariantCulture, $"a{a}"), ["v0", "v1"], c.Depth))
            .ToList();
        var pairs = c.Pair && attributes.Count == 2 ? new List<PairDesignation> { new("a0", "a1", c.Depth) } : [];
        var people = new List<RespondentRow>();
        foreach (var unit in teams.Append("org"))
        {
            var count = unit == "org" ? c.Direct : random.Next(0, 7);
            for (var p = 0; p < count; p++)
            {
                var values = attributes.ToDictionary(a => a.Attribute, _ => new[] { "v0", "v1", AttributeDesignation.NotDisclosed }[random.Next(3)], StringComparer.Ordinal);
                people.Add(new RespondentRow(unit, values));
            }
        }

        var built = CellSystem.Build(new CampaignReleaseRequest(units, people), new ReleasePolicy(3, 10, attributes, pairs));
        Assert.True(built.IsSuccess, built.Error?.Message);
        var system = built.Value;
        var unknown = new bool[system.VariableCount];
        var remainders = system.VariableCount - system.CellCount;
        for (var v = system.CellCount; v < system.VariableCount; v++)
        {
            unknown[v] = remainders <= MaxUnknowns;
        }

        var root = system.Index[CellKey.Total("org")];
        var candidates = Enumerable.Range(0, system.CellCount).Where(v => v != root).OrderBy(_ => random.Next()).ToList();
        var budget = Math.Max(0, MaxUnknowns - unknown.Count(u => u));
        foreach (var v in candidates.Take(random.Next(0, Math.Min(budget, candidates.Count) + 1)))
        {
            unknown[v] = true;
        }

        var pool = Enumerable.Range(0, system.VariableCount).Where(v => unknown[v]).ToList();
        var sums = new List<int[]>();
        for (var s = 0; s < 3 && pool.Count >= 2; s++)
        {
            sums.Add([.. pool.OrderBy(_ => random.Next()).Take(random.Next(2, Math.Min(4, pool.Count) + 1)).Order()]);
        }

        return (system, unknown, sums);
    }

    /// <summary>One random small system's shape; the seed fills in people, values and the unknown set.</summary>
    internal sealed record Case(int Teams, int Attributes, int Depth, bool Pair, int Direct, int Seed);
}
