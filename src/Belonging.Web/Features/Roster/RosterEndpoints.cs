using Belonging.Core.Organisation;
using Belonging.Data;
using Belonging.Data.Organisation;
using Belonging.Formats.Tables;
using Belonging.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Features.Roster;

public sealed record RosterOverview(int ActivePeople, int People, int Units, IReadOnlyList<string> Attributes, IReadOnlyList<string> SpecialCategoryAttributes);

internal static class RosterEndpoints
{
    public static IEndpointRouteBuilder MapRoster(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/roster").WithTags("Roster").RequireAuthorization(Auth.Admin);
        api.MapGet("/", OverviewAsync).WithName("GetRoster").WithSummary("Counts and reporting attributes of the current roster.");
        api.MapPost("/import", ImportAsync).WithName("ImportRoster")
            .WithSummary("Imports a roster (multipart: 'people' CSV/XLSX, optional 'units'). The whole file is checked first; any problem → 422 listing every problem with row and column, and nothing changes.");
        api.MapPost("/people/{employeeId}/erase", EraseAsync).WithName("ErasePerson")
            .WithSummary("Carries out an erasure request: deletes the person's roster record and attributes, folds their survey invitations into per-unit counts (results and response rates unchanged), logs the date only. 404 when no one has that employee id.");
        return app;
    }

    private static async Task<IResult> EraseAsync(string employeeId, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var result = await PersonErasure.EraseAsync(db, employeeId, clock, ct);
        return result.Match<IResult>(TypedResults.Ok, e => ErrorResults.Problem(e, e is Belonging.Core.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity));
    }

    internal static async Task<RosterOverview> OverviewAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var definitions = await db.ReportingAttributeDefinitions.AsNoTracking().ToListAsync(ct);
        return new RosterOverview(
            await db.People.CountAsync(p => p.StartDate <= today && (p.EndDate == null || p.EndDate >= today), ct),
            await db.People.CountAsync(ct),
            await db.OrgUnits.CountAsync(ct),
            definitions.Select(d => d.Name).Order(StringComparer.Ordinal).ToList(),
            definitions.Where(d => d.IsSpecialCategory).Select(d => d.Name).Order(StringComparer.Ordinal).ToList());
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ErrorResults.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["people"] = ["Send the roster as multipart/form-data with a file field named 'people'."] });
        }

        var form = await request.ReadFormAsync(ct);
        var people = form.Files.GetFile("people");
        if (people is null || people.Length == 0)
        {
            return ErrorResults.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["people"] = ["Choose the roster file (CSV or XLSX) to upload."] });
        }

        var units = form.Files.GetFile("units");
        await using var peopleStream = people.OpenReadStream();
        await using var unitsStream = units is { Length: > 0 } ? units.OpenReadStream() : null;
        var result = await RosterImport.ImportAsync(
            db,
            new RosterFile(people.FileName, peopleStream),
            unitsStream is null ? null : new RosterFile(units!.FileName, unitsStream),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            new TableReadLimits(),
            ct);
        return result.Match<IResult>(
            TypedResults.Ok,
            e => e is RosterInvalid invalid
                ? ErrorResults.Problem(e, StatusCodes.Status422UnprocessableEntity, new Dictionary<string, object?>(StringComparer.Ordinal) { ["problems"] = invalid.Problems })
                : ErrorResults.Problem(e, StatusCodes.Status422UnprocessableEntity));
    }
}
