using Belonging.Core.Privacy;
using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

public sealed class CampaignReleaseScenarioTests
{
    private static readonly OrgUnitNode[] ThreeTeams = [new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org")];

    [Fact]
    public void Compute_ParentMinusChildren_SmallChildCannotBeRecovered()
    {
        // org = t1 + t2 + t3 with t3 holding 2 people: with org, t1, t2 all released, t3 = org − t1 − t2.
        var release = Release(ThreeTeams, [.. People(9, "t1"), .. People(12, "t2"), .. People(2, "t3")], Policy());

        Assert.Null(N(release, CellKey.Total("t3")));
        var reported = new[] { "org", "t1", "t2" }.Count(u => N(release, CellKey.Total(u)) is not null);
        Assert.Equal(2, reported);
        Assert.Null(N(release, CellKey.Total("t1")));
        AssertProtected(release);
    }

    [Fact]
    public void Compute_SiblingSubtraction_TwoSmallSiblingsDoNotShieldEachOther()
    {
        // t2 and t3 are both small (2 + 1 = 3 < k): suppressing both still lets org − t1 = 3 expose a group of 3.
        var release = Release(ThreeTeams, [.. People(9, "t1"), .. People(2, "t2"), .. People(1, "t3")], Policy());

        Assert.Null(N(release, CellKey.Total("t2")));
        Assert.Null(N(release, CellKey.Total("t3")));
        Assert.False(N(release, CellKey.Total("org")) is not null && N(release, CellKey.Total("t1")) is not null);
        AssertProtected(release);
    }

    [Fact]
    public void Compute_FilterComplement_TeamMinusWomenIsProtected()
    {
        // t1: 10 M and 2 F; "t1 minus men in t1" would give the women exactly.
        var people = new List<RespondentRow>();
        people.AddRange(People(10, "t1", "M"));
        people.AddRange(People(2, "t1", "F"));
        people.AddRange(People(8, "t2", "M"));
        people.AddRange(People(8, "t2", "F"));
        people.AddRange(People(7, "t3", "M"));
        people.AddRange(People(6, "t3", "F"));
        var release = Release(ThreeTeams, people, Policy(genderDepth: 1));

        Assert.Null(N(release, CellKey.Breakdown("t1", Gender, "F")));
        Assert.False(N(release, CellKey.Total("t1")) is not null && N(release, CellKey.Breakdown("t1", Gender, "M")) is not null);
        AssertProtected(release);
    }

    [Fact]
    public void Compute_IntersectionVersusMargins_SmallIntersectionIsProtected()
    {
        var people = new List<RespondentRow>();
        foreach (var g in Genders)
        {
            foreach (var b in Bands)
            {
                people.AddRange(People(g == "F" && b == "a" ? 2 : 9, "t1", g, b));
            }
        }

        var units = new OrgUnitNode[] { new("org", null), new("t1", "org") };
        var release = Release(units, people, Policy(pairDepth: 0));

        Assert.Null(N(release, CellKey.Intersection("org", new(Gender, "F"), new(Band, "a"))));
        Assert.True(release.Audit.ComplementarySuppressed >= 3, "a lone suppressed intersection is recoverable from its row and column margins");
        AssertProtected(release);
    }

    [Fact]
    public void Compute_ManagerAttachedToInnerUnit_DirectRemainderIsProtected()
    {
        // One person sits directly in "dept" (not in a team): dept − (t1 + t2) would isolate them.
        var units = new OrgUnitNode[] { new("org", null), new("dept", "org"), new("t1", "dept"), new("t2", "dept"), new("t3", "org") };
        var release = Release(units, [.. People(1, "dept"), .. People(8, "t1"), .. People(9, "t2"), .. People(10, "t3")], Policy());

        var remainder = Assert.Single(release.Attack(), b => b.DirectMembersOnly && b.Cell == CellKey.Total("dept"));
        Assert.True(remainder.Max is null || remainder.Max - remainder.Min >= 5);
        AssertProtected(release);
    }

    [Fact]
    public void Compute_PersonAttachedToTheTop_TheirAttributeIsNotInTheRelease()
    {
        // The head of the organisation sits directly in "org"; gender is broken down at the division level. Counted as
        // themselves, org×F − Σ teams×F = 0 and org×X − Σ teams×X = 0 would be exact: "if anyone at the top answered,
        // they are M". The release counts a group of fewer than k under the most common value of the attributes that
        // split it (among everyone else around it), so it is the same whatever the head's gender is.
        static List<RespondentRow> People(string headGender)
        {
            var people = new List<RespondentRow> { Person("org", headGender) };
            foreach (var team in new[] { "t1", "t2", "t3" })
            {
                people.AddRange(ReleaseFixtures.People(12, team, "F"));
                people.AddRange(ReleaseFixtures.People(11, team, "M"));
                people.AddRange(ReleaseFixtures.People(6, team, "X"));
            }

            return people;
        }

        var asMan = Release(ThreeTeams, People("M"), Policy(genderDepth: 1));
        var asWoman = Release(ThreeTeams, People("F"), Policy(genderDepth: 1));

        Assert.Equal(Published(asMan), Published(asWoman));
        // The head is counted under the most common gender of everyone else (F: 36 + the head), whatever theirs is.
        Assert.Equal(37, N(asMan, CellKey.Breakdown("org", Gender, "F")));
        Assert.Equal("F", asMan.Respondents[0].Attributes[Gender]);
        Assert.NotNull(N(asMan, CellKey.Total("org")));
        AssertProtected(asMan);
    }

    [Fact]
    public void Compute_PersonAttachedToTheTopWithPairs_OrganisationAndDivisionsStayReported()
    {
        // Like the demo: a head sits in "org", divisions have teams, gender and band are broken down (and crossed) at the
        // division level. Protecting the head must not wipe out the organisation or every division, and the release must
        // not depend on the head's attributes.
        List<RespondentRow> Build(string headGender, string headBand)
        {
            var people = new List<RespondentRow> { Person("org", headGender, headBand) };
            var random = new Random(7);
            foreach (var d in new[] { "d1", "d2", "d3", "d4" })
            {
                foreach (var t in new[] { "1", "2", "3" })
                {
                    for (var i = 0; i < 14 + random.Next(10); i++)
                    {
                        people.Add(Person(d + t, Genders[random.Next(3)], Bands[random.Next(3)]));
                    }
                }
            }

            return people;
        }

        var units = new List<OrgUnitNode> { new("org", null) };
        foreach (var d in new[] { "d1", "d2", "d3", "d4" })
        {
            units.Add(new(d, "org"));
            units.AddRange(new[] { "1", "2", "3" }.Select(t => new OrgUnitNode(d + t, d)));
        }

        var release = Release(units, Build("M", "b"), Policy(genderDepth: 1, bandDepth: 1, pairDepth: 1));
        var other = Release(units, Build("X", "a"), Policy(genderDepth: 1, bandDepth: 1, pairDepth: 1));

        AssertProtected(release);
        Assert.Equal(Published(release), Published(other));
        Assert.NotNull(N(release, CellKey.Total("org")));
        Assert.True(new[] { "d1", "d2", "d3", "d4" }.Count(d => N(release, CellKey.Total(d)) is not null) >= 2, "at least half the divisions reported");
        Assert.All(Genders, g => Assert.NotNull(N(release, CellKey.Breakdown("org", Gender, g))));
    }

    [Fact]
    public void Compute_SmallGroupCrossedWithAnotherAttribute_ItsOtherAttributeIsNotInTheRelease()
    {
        // Two X people in t1, both band "a"; gender × band is crossed at the team level. Counted as themselves, t1×X×b
        // and t1×X×c could be pinned at 0 by the team's band margins: "both X people in t1 are in band a".
        List<RespondentRow> Build(string secondBand)
        {
            var people = new List<RespondentRow> { Person("t1", "X", "a"), Person("t1", "X", secondBand) };
            foreach (var team in new[] { "t1", "t2", "t3" })
            {
                foreach (var g in new[] { "F", "M" })
                {
                    foreach (var b in Bands)
                    {
                        people.AddRange(People(6, team, g, b));
                    }
                }
            }

            return people;
        }

        var same = Release(ThreeTeams, Build("a"), Policy(pairDepth: 1));
        var different = Release(ThreeTeams, Build("c"), Policy(pairDepth: 1));

        Assert.Equal(Published(same), Published(different));
        AssertProtected(same);
    }

    [Fact]
    public void Compute_BreakdownValueHoldsTheWholeUnit_ValueAndItsComplementAreNotPublished()
    {
        // Leak 8. In the 23-person division d1 everyone answered "No": publishing "No = 23 of 23" tells every viewer each
        // named member's answer. The zeros around it must not give it back either: org×Yes − d2×Yes − d3×Yes = 0 and the
        // same for "(not disclosed)" would pin d1's members without "No" at 0, and d1 − 0 − 0 = 23.
        var units = new OrgUnitNode[] { new("org", null), new("d1", "org"), new("d2", "org"), new("d3", "org") };
        var people = new List<RespondentRow>();
        people.AddRange(People(23, "d1").Select(p => Answer(p, "No")));
        people.AddRange(People(24, "d2").Select(p => Answer(p, "No")));
        people.AddRange(People(6, "d2").Select(p => Answer(p, "Yes")));
        people.AddRange(People(21, "d3").Select(p => Answer(p, "No")));
        people.AddRange(People(9, "d3").Select(p => Answer(p, "Yes")));
        var policy = new ReleasePolicy(5, 10, [new AttributeDesignation(Lgbtq, ["Yes", "No"], 1)], []);

        var release = Release(units, people, policy);

        Assert.Null(N(release, CellKey.Breakdown("d1", Lgbtq, "No")));
        // Withheld by rule (primary, like a small cell), not left to the search, which could as well keep "No" and hide
        // the total: d1×No is the one cell of at least k whose unit has fewer than k others.
        Assert.Equal(release.Cells.Count(c => release.TrueCount(c) < 5) + 1, release.Audit.PrimarySuppressed);
        var withoutNo = Assert.Single(release.AttackSums([[(CellKey.Breakdown("d1", Lgbtq, "Yes"), false), (CellKey.Breakdown("d1", Lgbtq, AttributeDesignation.NotDisclosed), false)]]));
        Assert.True(withoutNo.Max is null || withoutNo.Max - withoutNo.Min >= 5, $"d1's members without \"No\" narrowed to [{withoutNo.Min}, {withoutNo.Max}]");
        Assert.NotNull(N(release, CellKey.Total("org")));
        AssertProtected(release);
    }

    [Fact]
    public void Compute_PeopleAttachedToADivisionAllShareAValue_TheirComplementCannotBePinned()
    {
        // Six people sit directly in d1 (its heads), all "No"; the breakdown goes down to the teams. d1×v − t1×v − t2×v is
        // their count with value v, so "d1 heads with Yes or not disclosed = 0" must not be derivable.
        var units = new OrgUnitNode[] { new("org", null), new("d1", "org"), new("t1", "d1"), new("t2", "d1"), new("d2", "org"), new("t3", "d2") };
        var people = new List<RespondentRow>();
        people.AddRange(People(6, "d1").Select(p => Answer(p, "No")));
        foreach (var team in new[] { "t1", "t2", "t3" })
        {
            people.AddRange(People(12, team).Select(p => Answer(p, "No")));
            people.AddRange(People(7, team).Select(p => Answer(p, "Yes")));
            people.AddRange(People(5, team).Select(p => Answer(p, AttributeDesignation.NotDisclosed)));
        }

        var release = Release(units, people, new ReleasePolicy(5, 10, [new AttributeDesignation(Lgbtq, ["Yes", "No"], 2)], []));

        var heads = Assert.Single(release.AttackSums([[(CellKey.Breakdown("d1", Lgbtq, "Yes"), true), (CellKey.Breakdown("d1", Lgbtq, AttributeDesignation.NotDisclosed), true)]]));
        Assert.True(heads.Max is null || heads.Max - heads.Min >= 5, $"d1's heads without \"No\" narrowed to [{heads.Min}, {heads.Max}]");
        AssertProtected(release);
    }

    [Fact]
    public void Compute_IntersectionHoldsTheWholeSingleAttributeGroup_ItIsNotPublished()
    {
        // The 20 women of org are all in band "a": publishing org×F×a = 20 (with org×F = 20) gives each woman's band.
        var people = new List<RespondentRow>();
        people.AddRange(People(20, "t1", "F", "a"));
        foreach (var b in Bands)
        {
            people.AddRange(People(8, "t1", "M", b));
            people.AddRange(People(7, "t1", "X", b));
        }

        var units = new OrgUnitNode[] { new("org", null), new("t1", "org") };
        var release = Release(units, people, Policy(pairDepth: 0));

        Assert.Null(N(release, CellKey.Intersection("org", new(Gender, "F"), new(Band, "a"))));
        AssertProtected(release);
    }

    [Fact]
    public void Compute_NothingSmall_NothingSuppressed()
    {
        var release = Release(ThreeTeams, [.. People(9, "t1"), .. People(12, "t2"), .. People(5, "t3")], Policy());

        Assert.All(release.Cells, c => Assert.NotNull(N(release, c)));
        Assert.Equal(0, release.Audit.ComplementarySuppressed);
    }

    [Fact]
    public void Disclose_SuppressedCell_NeverComputesValueAndHidesWhy()
    {
        var release = Release(ThreeTeams, [.. People(9, "t1"), .. People(12, "t2"), .. People(2, "t3")], Policy());
        var computed = false;

        var small = release.Disclose(CellKey.Total("t3"), () => { computed = true; return 1.0; });
        var complementary = release.Disclose(CellKey.Total("t1"), () => { computed = true; return 1.0; });

        Assert.False(computed);
        Assert.Equal(SuppressionReason.Protected, small.Match(_ => (SuppressionReason)0, s => s.Reason));
        Assert.Equal(SuppressionReason.Protected, complementary.Match(_ => (SuppressionReason)0, s => s.Reason));
    }

    [Fact]
    public void Disclose_EmptyValueOfABreakdown_SaysTooFewAnsweredBecauseThePublishedCountsAlreadySaySo()
    {
        // Everyone in t1 stated a gender, so "not stated" is 12 − 7 − 5 = 0 from the published counts: saying "too few
        // answered here" tells nothing more. t2's small group of women cannot be told apart from a group of k or more.
        var people = new List<RespondentRow>([.. People(7, "t1", "M"), .. People(5, "t1", "F"), .. People(9, "t2", "M"), .. People(2, "t2", "F"), .. People(12, "t3", "M"), .. People(10, "t3", "F")]);
        var release = Release(ThreeTeams, people, Policy(genderDepth: 1));

        Assert.Equal(SuppressionReason.BelowThreshold, Reason(release, CellKey.Breakdown("t1", Gender, AttributeDesignation.NotDisclosed)));
        Assert.Equal(SuppressionReason.Protected, Reason(release, CellKey.Breakdown("t2", Gender, "F")));
        AssertProtected(release);
    }

    private static SuppressionReason Reason(CampaignRelease release, CellKey key) => release.Disclose(key, () => 0).Match(_ => (SuppressionReason)0, x => x.Reason);

    [Fact]
    public void Disclose_CellOutsideTheClosedSet_IsNotInRelease()
    {
        var release = Release(ThreeTeams, [.. People(9, "t1"), .. People(12, "t2"), .. People(5, "t3")], Policy());

        var cell = release.Disclose(CellKey.Breakdown("t1", Gender, "F"), () => 1.0);

        Assert.Equal(SuppressionReason.NotInRelease, cell.Match(_ => (SuppressionReason)0, s => s.Reason));
    }

    [Fact]
    public void Compute_OrgTreeMoveAfterClose_ReleaseStaysFrozenOnItsSnapshot()
    {
        var people = new List<RespondentRow> { };
        people.AddRange(People(9, "t1"));
        people.AddRange(People(12, "t2"));
        people.AddRange(People(6, "t3"));
        var release = Release(ThreeTeams, people, Policy());
        var before = release.Cells.Select(c => (c, N(release, c))).ToList();

        // After close, t3 moves under a new unit "dept". Reports still address the frozen snapshot's cells.
        var moved = new OrgUnitNode[] { new("org", null), new("t1", "org"), new("t2", "org"), new("dept", "org"), new("t3", "dept") };

        Assert.Equal(before, release.Cells.Select(c => (c, N(release, c))).ToList());
        Assert.DoesNotContain(CellKey.Total("dept"), release.Cells);
        Assert.Equal(SuppressionReason.NotInRelease, release.Disclose(CellKey.Total(moved[3].Id), () => 0).Match(_ => (SuppressionReason)0, s => s.Reason));
    }

    [Fact]
    public void ChangeTo_LowerKAfterFirstAnswer_IsThresholdLoweredError()
    {
        var policy = Policy(k: 5);

        var lowered = policy.ChangeTo(policy with { K = 4 }, anyoneAnswered: true);
        var loweredComments = policy.ChangeTo(policy with { CommentK = 9 }, anyoneAnswered: true);
        var widened = policy.ChangeTo(Policy(k: 5, genderDepth: 2), anyoneAnswered: true);
        var beforeLaunch = policy.ChangeTo(policy with { K = 4 }, anyoneAnswered: false);

        Assert.IsType<ThresholdLoweredError>(lowered.Error);
        Assert.IsType<ThresholdLoweredError>(loweredComments.Error);
        Assert.IsType<CellSetWidenedError>(widened.Error);
        Assert.True(beforeLaunch.IsSuccess);
    }

    [Fact]
    public void Recompute_LowerK_IsRefusedWithTypedError()
    {
        var request = new CampaignReleaseRequest(ThreeTeams, [.. People(9, "t1"), .. People(12, "t2"), .. People(4, "t3")]);
        var published = CampaignRelease.Compute(request, Policy(k: 5)).Value;

        var result = CampaignRelease.Recompute(request, Policy(k: 3), published);

        var error = Assert.IsType<ThresholdLoweredError>(result.Error);
        Assert.Equal("privacy.threshold_lowered", error.Code);
    }

    [Fact]
    public void Recompute_RaisedK_KeepsEverythingWithheldBeforeAndProtects()
    {
        var request = new CampaignReleaseRequest(ThreeTeams, [.. People(9, "t1"), .. People(12, "t2"), .. People(6, "t3"), .. People(2, "org")]);
        var published = CampaignRelease.Compute(request, Policy(k: 5)).Value;

        var raised = CampaignRelease.Recompute(request, Policy(k: 7), published).Value;

        Assert.All(published.Cells.Where(c => !published.IsReported(c)), c => Assert.False(raised.IsReported(c)));
        Assert.Null(N(raised, CellKey.Total("t3")));
        AssertProtected(raised);
    }

    [Fact]
    public void ComputeFollowing_TwoCampaignsWithTwoJoiners_JoinersCannotBeDifferenced()
    {
        var units = new OrgUnitNode[] { new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org") };
        var first = Release(units, [.. People(5, "t1"), .. People(20, "t2"), .. People(30, "t3")], Policy());

        // Campaign 2: two people joined t1 (7 × 25 < 200: no published step hides them); everyone else unchanged.
        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(units, [.. People(7, "t1"), .. People(20, "t2"), .. People(30, "t3")]), Policy(), first).Value;

        Assert.Null(N(second, CellKey.Total("t1")));
        Assert.False(new[] { "org", "t2", "t3" }.All(u => N(second, CellKey.Total(u)) is not null), "org minus t2 and t3 gives t1");
        Assert.True(second.Audit.CrossReleaseSuppressed >= 1);
        Assert.Equal(SuppressionReason.Protected, second.DiscloseChange(first, CellKey.Total("t1"), () => 0.1).Match(_ => (SuppressionReason)0, s => s.Reason));
        AssertNoSmallChangeIsRecoverable(first, second);
    }

    [Fact]
    public void ComputeFollowing_ThreeCampaigns_FirstAndThirdCannotBeDifferencedEither()
    {
        // t1 is 5, then 20 (changed by ≥ k, reported), then 7: against campaign 2 the change is 13, but against
        // campaign 1 — still published — it is two people. Chaining only to the last release would miss that.
        var units = new OrgUnitNode[] { new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org") };
        var first = Release(units, [.. People(5, "t1"), .. People(20, "t2"), .. People(30, "t3")], Policy());
        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(units, [.. People(20, "t1"), .. People(20, "t2"), .. People(30, "t3")]), Policy(), first).Value;
        var third = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(units, [.. People(7, "t1"), .. People(20, "t2"), .. People(30, "t3")]), Policy(), second).Value;

        Assert.Equal(5, N(first, CellKey.Total("t1")));
        Assert.Equal(20, N(second, CellKey.Total("t1")));
        Assert.Null(N(third, CellKey.Total("t1")));
        AssertNoSmallChangeIsRecoverable(second, third);
        AssertNoSmallChangeIsRecoverable(first, third);
        AssertProtected(third);
    }

    [Fact]
    public void ComputeFollowing_TeamMovedByThreeWithSiblingsAndParentReported_TeamCannotBePinnedInItsOwnRelease()
    {
        // Leak 5. Spring reports t1 = 10 (t4 = 2 is small, t3 its complement). In autumn t1 has 7 (7 × 25 < 300: no
        // published step hides three people): the cell rule withholds it, but org, t2, t3 and t4 could all be reported
        // (org changed by 11, t3 and t4 were not reported in spring, so no row of the change table pins anything).
        // Without protection, t1 = org − t2 − t3 − t4 = 7 in autumn, and spring's published 10 gives the change of three
        // people the rule was meant to hide.
        var units = new OrgUnitNode[] { new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org"), new("t4", "org") };
        var spring = Release(units, [.. People(10, "t1"), .. People(20, "t2"), .. People(6, "t3"), .. People(2, "t4")], Policy());
        Assert.Equal(10, N(spring, CellKey.Total("t1")));
        Assert.Null(N(spring, CellKey.Total("t3")));

        var autumn = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(units, [.. People(7, "t1"), .. People(20, "t2"), .. People(15, "t3"), .. People(7, "t4")]), Policy(), spring).Value;

        Assert.Null(N(autumn, CellKey.Total("t1")));
        Assert.False(new[] { "org", "t2", "t3", "t4" }.All(u => N(autumn, CellKey.Total(u)) is not null), "org minus the reported siblings gives t1");
        var t1 = Assert.Single(autumn.Attack(), b => !b.DirectMembersOnly && b.Cell == CellKey.Total("t1"));
        Assert.True(t1.Max is null || t1.Max - t1.Min >= 5, $"t1 narrowed to [{t1.Min}, {t1.Max}] in its own release");
        AssertProtected(autumn);
        AssertNoSmallChangeIsRecoverable(spring, autumn);
    }

    [Fact]
    public void ComputeFollowing_ManyChanges_LargeCellsStayComparable()
    {
        var units = new OrgUnitNode[] { new("org", null), new("t1", "org"), new("t2", "org") };
        var first = Release(units, [.. People(20, "t1"), .. People(30, "t2")], Policy());

        var second = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(units, [.. People(26, "t1"), .. People(30, "t2")]), Policy(), first).Value;

        Assert.Equal(26, N(second, CellKey.Total("t1")));
        Assert.Equal(56, N(second, CellKey.Total("org")));
        Assert.True(second.DiscloseChange(first, CellKey.Total("t1"), () => 0.2).IsReported);
        Assert.False(second.DiscloseChange(Release(units, [.. People(20, "t1"), .. People(30, "t2")], Policy()), CellKey.Total("t1"), () => 0.2).IsReported);
    }

    [Fact]
    public void Compute_DuplicateUnitOrValueOutsideDomain_IsSnapshotInvalidError()
    {
        var duplicate = CampaignRelease.Compute(new CampaignReleaseRequest([new("org", null), new("org", null)], []), Policy());
        var badValue = CampaignRelease.Compute(new CampaignReleaseRequest(ThreeTeams, [Person("t1", "Q")]), Policy(genderDepth: 0));

        Assert.IsType<SnapshotInvalidError>(duplicate.Error);
        Assert.IsType<SnapshotInvalidError>(badValue.Error);
    }

    private static RespondentRow Answer(RespondentRow person, string value) => person with { Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { [Lgbtq] = value } };

    /// <summary>In the change table (known where both releases report), no additivity row pins a group change of 1..k−1.</summary>
    internal static void AssertNoSmallChangeIsRecoverable(CampaignRelease first, CampaignRelease second)
    {
        var k = second.Policy.K;
        foreach (var key in second.Cells)
        {
            if (N(first, key) is { } a && N(second, key) is { } b && a != b && Math.Abs(a - b) < k)
            {
                // Allowed only where the published rounding hides the changed people's mean (n × precision ≥ scale × change)
                // and, for a breakdown, where the whole breakdown's change involves at least k people.
                // (the precision the release publishes the cell at, which must be one of the published steps).
                var precision = second.PrecisionOf(key);
                Assert.Contains(precision, ValueWindow.Steps);
                Assert.True(b * precision >= ValueWindow.Scale * Math.Abs(a - b), $"{key} changed by {Math.Abs(a - b)} in two reported releases and holds only {b} at {precision}-point precision");
                if (key.First is not null)
                {
                    var moved = second.Cells.Where(c => c.Unit == key.Unit && c.First?.Attribute == key.First?.Attribute && c.Second?.Attribute == key.Second?.Attribute)
                        .Sum(c => N(first, c) is { } before ? Math.Abs(second.TrueCount(c) - before) : 0);
                    Assert.True(moved >= k, $"{key} changed by {Math.Abs(a - b)} while its whole breakdown changed by only {moved} people");
                }
            }
        }

        // A cell withheld because it changed by 1..k−1 since a published count must not be pinned inside its own release
        // either: its bounds there are the bounds of the change.
        foreach (var b in second.Attack().Where(b => !b.DirectMembersOnly))
        {
            if (N(first, b.Cell) is { } before && Math.Abs(second.TrueCount(b.Cell) - before) is > 0 and var change && change < k)
            {
                Assert.True(b.Max is null || b.Max - b.Min >= k, $"{b.Cell} changed by {change}; its bounds [{b.Min}, {b.Max}] pin the change");
            }
        }
    }
}
