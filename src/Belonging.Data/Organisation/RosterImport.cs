using Belonging.Core;
using Belonging.Core.Organisation;
using Belonging.Formats.Tables;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Organisation;

/// <summary>One uploaded file.</summary>
public sealed record RosterFile(string FileName, Stream Content);

/// <summary>
/// Roster import as both hosts run it: read the file(s) (CSV or XLSX; units from a "Units" sheet or a second file),
/// validate the whole roster against the units already known, and only then apply it in one transaction.
/// An invalid file changes nothing.
/// </summary>
public static class RosterImport
{
    public static async Task<Result<RosterImportSummary>> ImportAsync(AppDbContext db, RosterFile people, RosterFile? units, DateOnly today, TableReadLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        var peopleTables = TableReader.Read(people.Content, people.FileName, limits);
        if (!peopleTables.IsSuccess)
        {
            return peopleTables.Error!;
        }

        var peopleTable = peopleTables.Value.FirstOrDefault(t => string.Equals(t.Name, "People", StringComparison.OrdinalIgnoreCase)) ?? peopleTables.Value[0];
        var unitsTable = peopleTables.Value.FirstOrDefault(t => string.Equals(t.Name, "Units", StringComparison.OrdinalIgnoreCase) && !ReferenceEquals(t, peopleTable));
        if (units is not null)
        {
            var unitTables = TableReader.Read(units.Content, units.FileName, limits);
            if (!unitTables.IsSuccess)
            {
                return unitTables.Error!;
            }

            unitsTable = unitTables.Value[0];
        }

        var known = (await db.OrgUnits.AsNoTracking().Select(u => u.ExternalId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var validated = RosterValidation.Validate(peopleTable, unitsTable, known);
        if (!validated.IsSuccess)
        {
            return validated.Error!;
        }

        return await RosterApplication.ApplyAsync(db, validated.Value, today, ct);
    }
}
