using Belonging.Core.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Surveys;

/// <summary>Puts a shipped instrument into a database once (idempotent by key).</summary>
public static class InstrumentSeeding
{
    public static async Task EnsureAsync(AppDbContext db, InstrumentDefinition definition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(definition);
        if (await db.Instruments.AnyAsync(i => i.Key == definition.Key, ct))
        {
            return;
        }

        var instrument = new Instrument(definition.Key, definition.Name);
        db.Instruments.Add(instrument);
        var version = new InstrumentVersion(instrument.Id, 1, definition.Attribution);
        version.Items.AddRange(definition.Items.Select((d, i) => new InstrumentItem(version.Id, i, d)));
        db.InstrumentVersions.Add(version);
        await db.SaveChangesAsync(ct);
    }
}
