using System.Text.Json;
using Belonging.Core.Privacy;
using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// Leak 6 (answer sets), ADR 9: a release read back after the per-respondent rows were deleted, from its stored form and
/// each shown figure's n only. It must publish exactly what the release did, give a later campaign exactly the same
/// cross-release checks (head counts and figures), and refuse a stricter recomputation.
/// </summary>
public sealed class ReducedReleaseTests
{
    /// <summary>Staff attached directly to the divisions d and e give the constraints hidden "direct members" parts.</summary>
    private static readonly OrgUnitNode[] Tree = [new("org", null), new("d", "org"), new("t1", "d"), new("t2", "d"), new("e", "org"), new("t3", "e"), new("t4", "e")];

    private static List<RespondentRow> People1() =>
    [
        .. People(6, "t1", "F"), .. People(2, "t1", "M"), .. People(9, "t2", "M"), .. People(7, "t2", "F"), .. People(2, "d", "F"),
        .. People(11, "t3", "F"), .. People(3, "t3", "X"), .. People(8, "t4", "M"), .. People(6, "t4", "F"), .. People(3, "e", "M"),
    ];

    /// <summary>Question q: skipped by twelve of t2's sixteen (so only 4 answered it there) and two in t4.</summary>
    private static bool[] Skipping(IReadOnlyList<RespondentRow> people)
    {
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal) { ["t2"] = 12, ["t4"] = 2 };
        return [.. people.Select(p => !(skipped.TryGetValue(p.UnitId, out var left) && left > 0 && (skipped[p.UnitId] = left - 1) >= 0))];
    }

    [Fact]
    public void RestoreReduced_AfterRowsDeleted_PublishesExactlyWhatTheReleaseDid()
    {
        var people = People1();
        var release = Release(Tree, people, Policy(genderDepth: 1)).WithFigures(new Dictionary<string, bool[]> { ["item:q"] = Skipping(people), ["all"] = [.. people.Select(_ => true)] });
        var stored = JsonSerializer.Deserialize<StoredRelease>(JsonSerializer.Serialize(release.ToStored()))!;

        var reduced = CampaignRelease.RestoreReduced(Tree, Policy(genderDepth: 1), stored, FigureCounts(release, Skipping(people), people.Count), null).Value;

        Assert.True(reduced.Reduced);
        Assert.Empty(reduced.Respondents);
        Assert.Equal(release.Cells, reduced.Cells);
        Assert.All(release.Cells, c => Assert.Equal(N(release, c), N(reduced, c)));
        Assert.All(release.Cells, c => Assert.Equal(release.FigureReleased(c, "item:q"), reduced.FigureReleased(c, "item:q")));
        Assert.False(release.FigureReleased(CellKey.Total("t2"), "item:q"));
        Assert.True(release.IsReported(CellKey.Total("t2")));
        Assert.Equal(JsonSerializer.Serialize(release.ToStored()), JsonSerializer.Serialize(reduced.ToStored()));
        // The constraints have the same shape (direct members of d and e included): an auditor's re-attack gives the same bounds.
        Assert.Equal(JsonSerializer.Serialize(release.Attack()), JsonSerializer.Serialize(reduced.Attack()));
        Assert.Contains(release.Attack(), b => b.DirectMembersOnly);
    }

    [Fact]
    public void ComputeFollowing_PreviousReadBackWithoutRows_SameReleaseAsWithItsRows()
    {
        var people = People1();
        var flags = Skipping(people);
        var first = Release(Tree, people, Policy(genderDepth: 1)).WithFigures(new Dictionary<string, bool[]> { ["item:q"] = flags });
        var reducedFirst = CampaignRelease.RestoreReduced(Tree, Policy(genderDepth: 1), first.ToStored(), FigureCounts(first, flags, people.Count), null).Value;

        // Next time: two joiners in t2 (head counts change by 2), one more person in t4 answers q, one fewer in t3.
        List<RespondentRow> next = [.. People1(), Person("t2", "M"), Person("t2", "F")];
        var nextFlags = Skipping(next);
        nextFlags[next.FindIndex(p => p.UnitId == "t4")] = true;
        nextFlags[next.FindIndex(p => p.UnitId == "t3")] = false;
        var request = new CampaignReleaseRequest(Tree, next);
        var figures = new Dictionary<string, bool[]> { ["item:q"] = nextFlags };

        var withRows = CampaignRelease.ComputeFollowing(request, Policy(genderDepth: 1), first).Value.WithFigures(figures);
        var withoutRows = CampaignRelease.ComputeFollowing(request, Policy(genderDepth: 1), reducedFirst).Value.WithFigures(figures);

        Assert.Equal(JsonSerializer.Serialize(withRows.ToStored()), JsonSerializer.Serialize(withoutRows.ToStored()));
        // The checks did bite: t2's count changed by two and is shown only at 20-point steps (18 × 20 ≥ 200); q's
        // answerers in t4 changed by one, and a question's exact distribution is withheld.
        Assert.Equal(20.0, withoutRows.PrecisionOf(CellKey.Total("t2")));
        Assert.True(withoutRows.IsReported(CellKey.Total("t4")) && first.FigureReleased(CellKey.Total("t4"), "item:q"));
        Assert.False(withoutRows.FigureReleased(CellKey.Total("t4"), "item:q"));
    }

    [Fact]
    public void Recompute_ReducedRelease_RefusedWithTypedError()
    {
        var people = People1();
        var release = Release(Tree, people, Policy(genderDepth: 1)).WithFigures(new Dictionary<string, bool[]> { ["item:q"] = Skipping(people) });
        var reduced = CampaignRelease.RestoreReduced(Tree, Policy(genderDepth: 1), release.ToStored(), FigureCounts(release, Skipping(people), people.Count), null).Value;

        var stricter = CampaignRelease.Recompute(new CampaignReleaseRequest(Tree, []), Policy(k: 8, genderDepth: 1), reduced);

        Assert.False(stricter.IsSuccess);
        var error = Assert.IsType<ThresholdsLockedAfterReleaseError>(stricter.Error);
        Assert.Equal("privacy.thresholds_locked_after_release", error.Code);
    }

    [Fact]
    public void RestoreReduced_StoredCellsDoNotMatchTheTree_Refused()
    {
        var people = People1();
        var release = Release(Tree, people, Policy(genderDepth: 1)).WithFigures(new Dictionary<string, bool[]> { ["item:q"] = Skipping(people) });
        var stored = release.ToStored();
        OrgUnitNode[] moved = [.. Tree.Where(u => u.Id != "t4")];

        Assert.IsType<StoredReleaseMismatchError>(CampaignRelease.RestoreReduced(moved, Policy(genderDepth: 1), stored, new Dictionary<string, IReadOnlyDictionary<CellKey, int>>(), null).Error);
        Assert.IsType<StoredReleaseMismatchError>(CampaignRelease.RestoreReduced(Tree, Policy(k: 6, genderDepth: 1), stored, new Dictionary<string, IReadOnlyDictionary<CellKey, int>>(), null).Error);
        var wrongStatus = stored with { Cells = [.. stored.Cells.Select((c, i) => i == 0 ? c with { N = null } : c)] };
        Assert.IsType<StoredReleaseMismatchError>(CampaignRelease.RestoreReduced(Tree, Policy(genderDepth: 1), wrongStatus, new Dictionary<string, IReadOnlyDictionary<CellKey, int>>(), null).Error);
    }

    /// <summary>What the host stores per shown figure: its n in every cell where the release shows it.</summary>
    private static Dictionary<string, IReadOnlyDictionary<CellKey, int>> FigureCounts(CampaignRelease release, bool[] flags, int count)
    {
        Assert.Equal(count, release.Respondents.Count);
        var parent = Tree.ToDictionary(u => u.Id, u => u.ParentId, StringComparer.Ordinal);
        bool Within(string unit, string ancestor)
        {
            for (var u = unit; u is not null; u = parent[u])
            {
                if (u == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        string ValueOf(RespondentRow r, string a) => r.Attributes.TryGetValue(a, out var v) ? v : AttributeDesignation.NotDisclosed;
        var counts = release.Cells.Where(c => release.FigureReleased(c, "item:q")).ToDictionary(
            c => c,
            c => release.Respondents.Where((r, i) => flags[i] && Within(r.UnitId, c.Unit)
                && (c.First is not { } f || ValueOf(r, f.Attribute) == f.Value) && (c.Second is not { } s || ValueOf(r, s.Attribute) == s.Value)).Count());
        return new Dictionary<string, IReadOnlyDictionary<CellKey, int>>(StringComparer.Ordinal) { ["item:q"] = counts };
    }
}
