using System.Text.Json;
using Belonging.Core.Privacy;
using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

/// <summary>A published release stored and read back (leak 10), and a stricter version of it (leak 4).</summary>
public sealed class StoredReleaseTests
{
    private static readonly OrgUnitNode[] ThreeTeams = [new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org")];

    private static List<RespondentRow> Mixed() =>
    [
        .. People(5, "t1", "F"), .. People(1, "t1", "M"),
        .. People(12, "t2", "M"), .. People(8, "t2", "F"),
        .. People(9, "t3", "M"), .. People(2, "t3", "X"), .. People(9, "t3", "F"),
    ];

    [Fact]
    public void Restore_StoredAsJson_EveryCellAndTheAuditAsPublished()
    {
        var release = Release(ThreeTeams, Mixed(), Policy(genderDepth: 1));
        var json = JsonSerializer.Serialize(release.ToStored());

        var restored = CampaignRelease.Restore(
            new CampaignReleaseRequest(ThreeTeams, release.Respondents), Policy(genderDepth: 1), JsonSerializer.Deserialize<StoredRelease>(json)!, null).Value;

        Assert.Equal(release.Cells, restored.Cells);
        Assert.All(release.Cells, c => Assert.Equal(N(release, c), N(restored, c)));
        Assert.Equal(JsonSerializer.Serialize(release.Audit), JsonSerializer.Serialize(restored.Audit));
        Assert.Equal(json, JsonSerializer.Serialize(restored.ToStored()));
        Assert.Contains(release.Cells, c => N(release, c) is null);
    }

    [Fact]
    public void Restore_RowsOrThresholdsDiffer_RefusedWithTypedError()
    {
        var release = Release(ThreeTeams, Mixed(), Policy(genderDepth: 1));
        var stored = release.ToStored();
        var oneMore = new CampaignReleaseRequest(ThreeTeams, [.. release.Respondents, Person("t2", "M")]);

        var changedRows = CampaignRelease.Restore(oneMore, Policy(genderDepth: 1), stored, null);
        var changedK = CampaignRelease.Restore(new CampaignReleaseRequest(ThreeTeams, release.Respondents), Policy(k: 6, genderDepth: 1), stored, null);
        var badStatus = CampaignRelease.Restore(new CampaignReleaseRequest(ThreeTeams, release.Respondents), Policy(genderDepth: 1),
            stored with { Cells = [.. stored.Cells.Select((c, i) => i == 0 ? c with { Status = "Shown" } : c)] }, null);

        Assert.IsType<StoredReleaseMismatchError>(changedRows.Error);
        Assert.IsType<StoredReleaseMismatchError>(changedK.Error);
        Assert.IsType<StoredReleaseMismatchError>(badStatus.Error);
    }

    [Fact]
    public void Recompute_RaisedKMakesAReportedTeamSmall_CellsReportedInBothVersionsHaveTheSameCount()
    {
        // t1 (6 people) is not small at k = 5, so its members keep their own gender in version 1. At k = 8 it is small:
        // recoding it again would move its members into the most common value around them and change the organisation's
        // gender counts between the two versions of one campaign — a difference of people's attributes.
        var request = new CampaignReleaseRequest(ThreeTeams, [.. People(5, "t1", "F"), .. People(1, "t1", "M"), .. People(40, "t2", "M"), .. People(30, "t2", "F"), .. People(30, "t3", "M"), .. People(30, "t3", "F")]);
        var published = CampaignRelease.Compute(request, Policy(genderDepth: 1)).Value;

        var stricter = CampaignRelease.Recompute(request, Policy(k: 8, genderDepth: 1), published).Value;

        Assert.NotNull(N(stricter, CellKey.Breakdown("org", Gender, "F")));
        Assert.All(stricter.Cells.Where(stricter.IsReported), c => Assert.Equal(N(published, c), N(stricter, c)));
        Assert.All(published.Cells.Where(c => !published.IsReported(c)), c => Assert.False(stricter.IsReported(c)));
        AssertProtected(stricter);
    }
}
