using Belonging.Core.Organisation;
using CsCheck;

namespace Belonging.Core.Tests.Organisation;

public sealed class RosterValidationTests
{
    private static readonly string[] PeopleHeader = ["Employee ID", "Name", "Email", "Manager ID", "Org Unit ID", "Start Date", "End Date", "Gender", "Ethnicity"];
    private static readonly HashSet<string> NoUnits = new(StringComparer.Ordinal);

    private static RawTable Units(params string[][] rows) =>
        new("units.csv", ["unit_id", "name", "parent_unit_id"], rows.Select((r, i) => new RawRow(i + 2, r)).ToList());

    private static RawTable People(params string?[][] rows) =>
        new("people.csv", PeopleHeader, rows.Select((r, i) => new RawRow(i + 2, r)).ToList());

    private static readonly RawTable ValidUnits = Units(["ROOT", "Acme", ""], ["T1", "Team 1", "ROOT"]);

    private static string?[] Person(string id, string? manager = null, string unit = "T1", string start = "2021-04-01", string? end = null, string email = "") =>
        [id, $"Person {id}", email.Length > 0 ? email : $"{id.ToLowerInvariant()}@acme.example", manager, unit, start, end, "Woman", "Asian"];

    private static IReadOnlyList<RosterProblem> Problems(RawTable people, RawTable? units = null) =>
        RosterValidation.Validate(people, units ?? ValidUnits, NoUnits).Match(_ => (IReadOnlyList<RosterProblem>)[], e => ((RosterInvalid)e).Problems);

    [Fact]
    public void Validate_ValidRoster_ReturnsPeopleUnitsAndAttributes()
    {
        var result = RosterValidation.Validate(People(Person("E1"), Person("E2", "E1", email: "Mixed.Case@Acme.Example")), ValidUnits, NoUnits);
        Assert.True(result.IsSuccess);
        var roster = result.Value;
        Assert.Equal(["E1", "E2"], roster.People.Select(p => p.EmployeeId));
        Assert.Equal("mixed.case@acme.example", roster.People[1].Email);
        Assert.Equal("E1", roster.People[1].ManagerEmployeeId);
        Assert.Equal(new DateOnly(2021, 4, 1), roster.People[0].StartDate);
        Assert.Equal([new AttributeDefinition("ethnicity", true), new AttributeDefinition("gender", false)], roster.Attributes);
        Assert.Equal("Woman", roster.People[0].Attributes["gender"]);
        Assert.Equal(2, roster.Units.Count);
    }

    [Theory]
    [InlineData("roster.duplicate_id", 3, "Employee ID")]
    public void Validate_DuplicateId_ReportsSecondRowAndNamesFirst(string code, int row, string column)
    {
        var problem = Assert.Single(Problems(People(Person("E1"), Person("E1", email: "other@acme.example"))));
        Assert.Equal((code, row, column), (problem.Code, problem.Row, problem.Column));
        Assert.Contains("row 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownManager_ReportsRowAndColumn()
    {
        var problem = Assert.Single(Problems(People(Person("E1", "NOBODY"))));
        Assert.Equal(("roster.unknown_manager", 2, "Manager ID"), (problem.Code, problem.Row, problem.Column));
    }

    [Fact]
    public void Validate_ManagerCycle_ReportsTheLoopOnce()
    {
        var problems = Problems(People(Person("E1", "E3"), Person("E2", "E1"), Person("E3", "E2"), Person("E4", "E4")));
        var cycle = Assert.Single(problems, p => p.Code == "roster.manager_cycle");
        Assert.Contains("E1 → E3 → E2 → E1", cycle.Message, StringComparison.Ordinal);
        Assert.Single(problems, p => p.Code == "roster.own_manager" && p.Row == 5);
    }

    [Theory]
    [InlineData("31/12/2020", "roster.bad_date")]
    [InlineData("2020-13-01", "roster.bad_date")]
    [InlineData("", "roster.missing_date")]
    public void Validate_BadStartDate_ExplainsIsoFormat(string start, string code)
    {
        var problem = Assert.Single(Problems(People(Person("E1", start: start))));
        Assert.Equal((code, 2, "Start Date"), (problem.Code, problem.Row, problem.Column));
        Assert.Contains("YYYY-MM-DD", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EndBeforeStart_Reported()
    {
        var problem = Assert.Single(Problems(People(Person("E1", start: "2022-01-10", end: "2022-01-09"))));
        Assert.Equal(("roster.end_before_start", "End Date"), (problem.Code, problem.Column));
    }

    [Fact]
    public void Validate_UnknownUnit_Reported()
    {
        var problem = Assert.Single(Problems(People(Person("E1", unit: "NOPE"))));
        Assert.Equal(("roster.unknown_unit", "Org Unit ID"), (problem.Code, problem.Column));
    }

    [Fact]
    public void Validate_UnitKnownFromDatabase_IsAccepted()
    {
        var result = RosterValidation.Validate(People(Person("E1", unit: "OLD")), null, new HashSet<string>(["OLD"], StringComparer.Ordinal));
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Validate_InvalidAndDuplicateEmail_Reported()
    {
        var problems = Problems(People(Person("E1", email: "not-an-email"), Person("E2", email: "x@acme.example"), Person("E3", email: "X@ACME.example")));
        Assert.Equal(["roster.invalid_email", "roster.duplicate_email"], problems.Select(p => p.Code));
        Assert.Equal([2, 4], problems.Select(p => p.Row));
    }

    [Fact]
    public void Validate_MissingColumns_ListsEach()
    {
        var table = new RawTable("people.csv", ["id", "whatever"], [new RawRow(2, ["1", "x"])]);
        var codes = Problems(table).Where(p => p.Code == "roster.missing_column").Select(p => p.Message).ToList();
        Assert.Equal(5, codes.Count);   // employee_id, email, org_unit_id, start_date, name
    }

    [Theory]
    [InlineData("Phone")]
    [InlineData("Home Address")]
    [InlineData("Salary")]
    [InlineData("Date of Birth")]
    [InlineData("National ID")]
    public void Validate_DirectIdentifierColumn_Refused(string header)
    {
        var table = new RawTable("people.csv", [.. PeopleHeader, header], [new RawRow(2, [.. Person("E1"), "value"])]);
        var problem = Assert.Single(Problems(table));
        Assert.Equal(("roster.identifier_column", 1, header), (problem.Code, problem.Row, problem.Column));
    }

    [Fact]
    public void Validate_FreeTextAttribute_TooManyValues()
    {
        var rows = Enumerable.Range(1, RosterValidation.MaxDistinctAttributeValues + 1)
            .Select(i => { var p = Person($"E{i}"); p[7] = $"value {i}"; return p; })
            .ToArray();
        var problem = Assert.Single(Problems(People(rows)));
        Assert.Equal(("roster.too_many_values", "Gender"), (problem.Code, problem.Column));
    }

    [Fact]
    public void Validate_UnitProblems_DuplicateUnknownParentAndCycle()
    {
        var units = Units(["ROOT", "Acme", ""], ["T1", "Team 1", "ROOT"], ["T1", "Again", "ROOT"], ["X", "X", "MISSING"], ["A", "A", "B"], ["B", "B", "A"]);
        var codes = Problems(People(Person("E1")), units).Select(p => p.Code).ToList();
        Assert.Equal(["roster.duplicate_id", "roster.unknown_parent", "roster.unit_cycle"], codes);
    }

    [Theory]
    [InlineData("Ethnicity", true)]
    [InlineData("Sexual Orientation", true)]
    [InlineData("LGBTQ+", true)]
    [InlineData("Disability status", true)]
    [InlineData("Religion or belief", true)]
    [InlineData("Gender", false)]
    [InlineData("Location", false)]
    [InlineData("Age band", false)]
    public void IsSpecialCategory_KnownNames(string header, bool expected) =>
        Assert.Equal(expected, RosterValidation.IsSpecialCategory(RosterValidation.Normalise(header)));

    [Fact]
    public void Validate_AnyGeneratedValidRoster_Passes_AndOrderDoesNotMatter() =>
        Gen.Int[1, 60].Select(Gen.Int[0, 1000]).Sample((n, seed) =>
        {
            var random = new Random(seed);
            var rows = Enumerable.Range(1, n)
                .Select(i => Person($"E{i}", i == 1 ? null : $"E{random.Next(1, i)}", random.Next(2) == 0 ? "ROOT" : "T1", $"20{10 + random.Next(10)}-0{1 + random.Next(9)}-1{random.Next(10)}"))
                .ToArray();
            var forward = RosterValidation.Validate(People(rows), ValidUnits, NoUnits);
            var shuffled = rows.OrderBy(_ => random.Next()).ToArray();
            var backward = RosterValidation.Validate(People(shuffled), ValidUnits, NoUnits);
            return forward.IsSuccess && backward.IsSuccess
                && forward.Value.People.OrderBy(p => p.EmployeeId, StringComparer.Ordinal).SequenceEqual(backward.Value.People.OrderBy(p => p.EmployeeId, StringComparer.Ordinal), new PersonComparer());
        });

    private sealed class PersonComparer : IEqualityComparer<PersonRecord>
    {
        public bool Equals(PersonRecord? x, PersonRecord? y) =>
            x is not null && y is not null && x.EmployeeId == y.EmployeeId && x.ManagerEmployeeId == y.ManagerEmployeeId && x.UnitId == y.UnitId
            && x.StartDate == y.StartDate && x.Attributes.OrderBy(k => k.Key, StringComparer.Ordinal).SequenceEqual(y.Attributes.OrderBy(k => k.Key, StringComparer.Ordinal));

        public int GetHashCode(PersonRecord obj) => StringComparer.Ordinal.GetHashCode(obj.EmployeeId);
    }
}
