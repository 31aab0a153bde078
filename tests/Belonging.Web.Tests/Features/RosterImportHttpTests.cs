using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

public sealed class RosterImportHttpTests : IAsyncLifetime
{
    private readonly TestApp app = new(DatabaseProvider.Sqlite);

    public async ValueTask InitializeAsync() => await app.InitialiseAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static MultipartFormDataContent Upload(string field, string fileName, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), field, fileName);
        return form;
    }

    private const string People =
        "employee_id,name,email,manager_id,org_unit_id,start_date,gender\n" +
        "N1,New One,new1@test.local,,A1,2024-01-01,Woman\n" +
        "N2,New Two,new2@test.local,N1,B1,2024-01-01,Man\n";

    [Fact]
    public async Task Import_Valid_AddsPeopleAndMarksMissingAsLeft()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var response = await admin.PostAsync("/api/roster/import", Upload("people", "people.csv", Encoding.UTF8.GetBytes(People)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, summary.GetProperty("peopleAdded").GetInt32());
        Assert.Equal(17, summary.GetProperty("peopleLeft").GetInt32());   // the 17 seeded people are not in this file
        var overview = await admin.GetFromJsonAsync<JsonElement>("/api/roster");
        Assert.Equal(2, overview.GetProperty("activePeople").GetInt32());
        Assert.Equal(19, overview.GetProperty("people").GetInt32());
    }

    [Fact]
    public async Task Import_Invalid_422ListsEveryProblemAndChangesNothing()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var csv = People + "N3,,bad-email,NOBODY,ZZ,2024-13-01,Woman\n";
        var response = await admin.PostAsync("/api/roster/import", Upload("people", "people.csv", Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("roster.invalid", body.GetProperty("code").GetString());
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString(), p.GetProperty("code").GetString())).ToList();
        Assert.Equal(
            [(4, "email", "roster.invalid_email"), (4, "manager_id", "roster.unknown_manager"), (4, "name", "roster.missing_name"), (4, "org_unit_id", "roster.unknown_unit"), (4, "start_date", "roster.bad_date")],
            problems);
        await using var db = app.NewDb();
        Assert.Equal(17, await db.People.CountAsync(p => p.EndDate == null));
    }

    [Theory]
    [InlineData("roster.pdf", new byte[] { 37, 80, 68, 70 }, "file.unsupported_type")]
    [InlineData("latin1.csv", new byte[] { 105, 100, 10, 0xE9, 10 }, "file.invalid_encoding")]
    [InlineData("empty.csv", new byte[0], null)]
    public async Task Import_BadFile_SpecificError(string name, byte[] bytes, string? code)
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var response = await admin.PostAsync("/api/roster/import", Upload("people", name, bytes));
        if (code is null)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);   // an empty upload is a missing file
            return;
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Import_NotMultipart_400()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var response = await admin.PostAsJsonAsync("/api/roster/import", new { people = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_Leader_403()
    {
        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);
        var response = await leader.PostAsync("/api/roster/import", Upload("people", "people.csv", Encoding.UTF8.GetBytes(People)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
