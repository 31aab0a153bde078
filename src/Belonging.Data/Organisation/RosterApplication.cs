using Belonging.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Organisation;

/// <summary>What a roster import changed.</summary>
public sealed record RosterImportSummary(int PeopleAdded, int PeopleUpdated, int PeopleLeft, int UnitsAdded, int UnitsUpdated, int Attributes);

/// <summary>
/// Applies a validated roster in one transaction: units and people are matched by their HRIS ids and updated in place;
/// people missing from the file get an end date (never deleted, so past campaigns keep their meaning); units are never
/// deleted. Either everything is applied or nothing is.
/// </summary>
public static class RosterApplication
{
    public static async Task<RosterImportSummary> ApplyAsync(AppDbContext db, ValidatedRoster roster, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(roster);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var definitions = await db.ReportingAttributeDefinitions.ToDictionaryAsync(a => a.Name, StringComparer.Ordinal, ct);
        foreach (var a in roster.Attributes)
        {
            if (definitions.TryGetValue(a.Name, out var existing))
            {
                existing.IsSpecialCategory = a.IsSpecialCategory;
            }
            else
            {
                definitions[a.Name] = db.ReportingAttributeDefinitions.Add(new ReportingAttributeDefinition(a.Name, a.IsSpecialCategory)).Entity;
            }
        }

        var units = await db.OrgUnits.ToDictionaryAsync(u => u.ExternalId, StringComparer.Ordinal, ct);
        int unitsAdded = 0, unitsUpdated = 0;
        foreach (var u in roster.Units.Where(u => !units.ContainsKey(u.UnitId)))
        {
            units[u.UnitId] = db.OrgUnits.Add(new OrgUnit(u.UnitId, u.Name, null)).Entity;
            unitsAdded++;
        }

        foreach (var u in roster.Units)
        {
            var unit = units[u.UnitId];
            Guid? parent = u.ParentUnitId is { } p ? units[p].Id : null;
            if (unit.Name != u.Name || unit.ParentId != parent)
            {
                if (db.Entry(unit).State != EntityState.Added)
                {
                    unitsUpdated++;
                }

                unit.Update(u.Name, parent);
            }
        }

        await db.SaveChangesAsync(ct);

        var people = await db.People.Include(p => p.Attributes).ToDictionaryAsync(p => p.EmployeeId, StringComparer.Ordinal, ct);
        int added = 0, updated = 0, left = 0;
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in roster.People)
        {
            inFile.Add(r.EmployeeId);
            var unitId = units[r.UnitId].Id;
            if (!people.TryGetValue(r.EmployeeId, out var person))
            {
                person = db.People.Add(new Person(r.EmployeeId, r.Name, r.Email, unitId, r.StartDate)).Entity;
                people[r.EmployeeId] = person;
                added++;
            }
            else
            {
                updated++;
            }

            person.Update(r.Name, r.Email, unitId, r.StartDate, r.EndDate);
            person.SetAttributes(r.Attributes);
        }

        await db.SaveChangesAsync(ct);
        foreach (var r in roster.People)
        {
            people[r.EmployeeId].SetManager(r.ManagerEmployeeId is { } m ? people[m].Id : null);
        }

        foreach (var p in people.Values.Where(p => !inFile.Contains(p.EmployeeId) && p.EndDate is null))
        {
            // Missing from today's export: their last day was yesterday at the latest.
            p.Leave(today.AddDays(-1));
            left++;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RosterImportSummary(added, updated, left, unitsAdded, unitsUpdated, roster.Attributes.Count);
    }
}
