using System.Text;
using Belonging.Core.Organisation;
using Belonging.Data.Organisation;
using Belonging.Formats.Tables;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Tests.Organisation;

public sealed class RosterImportTests
{
    internal const string UnitsCsv = "unit_id,name,parent_unit_id\nROOT,Acme,\nA,Division A,ROOT\nA1,Team A1,A\n";

    internal static string PeopleCsv(params string[] extraRows) =>
        "employee_id,name,email,manager_id,org_unit_id,start_date,end_date,gender,ethnicity\n" +
        "E1,Ann Boss,ann@acme.example,,ROOT,2019-01-01,,Woman,White\n" +
        "E2,Bo Lead,bo@acme.example,E1,A,2020-02-01,,Man,Asian\n" +
        "E3,Cy Member,cy@acme.example,E2,A1,2021-03-01,,Non-binary,Black\n" +
        string.Concat(extraRows.Select(r => r + "\n"));

    private static RosterFile File(string name, string text) => new(name, new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<(int People, int Units, int Attributes, int Active)> CountsAsync(AppDbContext db) =>
        (await db.People.CountAsync(), await db.OrgUnits.CountAsync(), await db.PersonAttributeValues.CountAsync(), await db.People.CountAsync(p => p.EndDate == null));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ValidThenInvalid_InvalidChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var today = new DateOnly(2026, 11, 23);
        var first = await RosterImport.ImportAsync(db, File("people.csv", PeopleCsv()), File("units.csv", UnitsCsv), today, new TableReadLimits(), default);
        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal(new RosterImportSummary(3, 0, 0, 3, 0, 2), first.Value);
        db.ChangeTracker.Clear();
        var before = await CountsAsync(db);
        Assert.Equal((3, 3, 6, 3), before);
        Assert.True((await db.ReportingAttributeDefinitions.SingleAsync(a => a.Name == "ethnicity")).IsSpecialCategory);

        // Valid rows plus one bad row: the whole file is refused and nothing changes (not even the valid rows).
        var bad = await RosterImport.ImportAsync(db, File("people.csv", PeopleCsv("E4,New Person,new@acme.example,E2,A1,2024-01-01,,Woman,Asian", "E5,Bad Date,bad@acme.example,E2,A1,01/02/2024,,Man,White")), null, today, new TableReadLimits(), default);
        var invalid = Assert.IsType<RosterInvalid>(bad.Error);
        var problem = Assert.Single(invalid.Problems);
        Assert.Equal((6, "start_date", "roster.bad_date"), (problem.Row, problem.Column, problem.Code));
        db.ChangeTracker.Clear();
        Assert.Equal(before, await CountsAsync(db));
        Assert.False(await db.People.AnyAsync(p => p.EmployeeId == "E4"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reimport_UpdatesInPlace_LeaversGetEndDateNeverDeleted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var today = new DateOnly(2026, 11, 23);
        Assert.True((await RosterImport.ImportAsync(db, File("people.csv", PeopleCsv()), File("units.csv", UnitsCsv), today, new TableReadLimits(), default)).IsSuccess);
        db.ChangeTracker.Clear();
        var cyId = (await db.People.SingleAsync(p => p.EmployeeId == "E3")).Id;

        // E3 left (not in the file), E2 moved to A1 with a new attribute value, units come from the database now.
        var second = "employee_id,name,email,manager_id,org_unit_id,start_date,end_date,gender,ethnicity\n" +
                     "E1,Ann Boss,ann@acme.example,,ROOT,2019-01-01,,Woman,White\n" +
                     "E2,Bo Lead,bo@acme.example,E1,A1,2020-02-01,,Man,Prefer not to say\n";
        var result = await RosterImport.ImportAsync(db, File("people.csv", second), null, today.AddDays(1), new TableReadLimits(), default);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(new RosterImportSummary(0, 2, 1, 0, 0, 2), result.Value);
        db.ChangeTracker.Clear();
        var cy = await db.People.SingleAsync(p => p.EmployeeId == "E3");
        Assert.Equal(cyId, cy.Id);
        Assert.Equal(today, cy.EndDate);   // imported on today + 1: last day at the latest the day before
        var bo = await db.People.Include(p => p.Attributes).SingleAsync(p => p.EmployeeId == "E2");
        Assert.Equal(await db.OrgUnits.Where(u => u.ExternalId == "A1").Select(u => u.Id).SingleAsync(), bo.OrgUnitId);
        Assert.Equal("Prefer not to say", bo.Attributes.Single(a => a.Name == "ethnicity").Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Xlsx_WithUnitsSheet(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var bytes = Formats.Tables.TableReaderTests.Workbook(
            ("People", [["Employee ID", "Name", "Email", "Org Unit ID", "Start Date", "Location"], ["1001", "Ann", "ann@acme.example", "T1", new DateOnly(2021, 3, 15), "Lisbon"]]),
            ("Units", [["Unit ID", "Name"], ["T1", "Team 1"]]));
        var result = await RosterImport.ImportAsync(db, new RosterFile("roster.xlsx", new MemoryStream(bytes)), null, new DateOnly(2026, 1, 1), new TableReadLimits(), default);
        Assert.True(result.IsSuccess, result.Error?.Message);
        db.ChangeTracker.Clear();
        var ann = await db.People.Include(p => p.Attributes).SingleAsync();
        Assert.Equal(("1001", new DateOnly(2021, 3, 15), "Lisbon"), (ann.EmployeeId, ann.StartDate, ann.Attributes.Single().Value));
    }
}
