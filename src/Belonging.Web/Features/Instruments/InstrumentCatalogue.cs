using System.Globalization;
using System.Text.RegularExpressions;
using Belonging.Core;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Surveys;
using Belonging.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Features.Instruments;

public sealed record ItemRequest(
    string Code, string Text, ItemScale Scale, BlueprintComponent? Component = null, OutcomeKind Outcome = OutcomeKind.None,
    bool ReverseKeyed = false, bool AllowDontKnow = false, string? Source = null, string? Licence = null,
    IReadOnlyList<string>? Choices = null, string Language = "en");

public sealed record CreateInstrumentRequest(string Key, string Name, string? Attribution, IReadOnlyList<ItemRequest> Items);

public sealed record NewVersionRequest(string? Attribution, IReadOnlyList<ItemRequest> Items);

public sealed record InstrumentSummary(Guid Id, string Key, string Name, IReadOnlyList<VersionSummary> Versions);

public sealed record VersionSummary(Guid Id, int Number, bool Locked, int Items);

public sealed record VersionDetail(Guid Id, Guid InstrumentId, string Instrument, int Number, bool Locked, string? Attribution, IReadOnlyList<ItemDefinition> Items);

/// <summary>Instrument bank: list, create, and version instruments. Versions never change once created; edits (including reordering) create a new version.</summary>
public sealed partial class InstrumentCatalogue(AppDbContext db)
{
    public async Task<IReadOnlyList<InstrumentSummary>> ListAsync(CancellationToken ct)
    {
        var instruments = await db.Instruments.AsNoTracking().Include(i => i.Versions).ThenInclude(v => v.Items).ToListAsync(ct);
        return instruments.OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => new InstrumentSummary(i.Id, i.Key, i.Name, i.Versions.OrderBy(v => v.Number).Select(v => new VersionSummary(v.Id, v.Number, v.IsLocked, v.Items.Count)).ToList()))
            .ToList();
    }

    public async Task<Result<VersionDetail>> GetVersionAsync(Guid versionId, CancellationToken ct)
    {
        var version = await db.InstrumentVersions.AsNoTracking().Include(v => v.Items).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return new NotFound("instrument version", versionId.ToString());
        }

        var instrument = await db.Instruments.AsNoTracking().FirstAsync(i => i.Id == version.InstrumentId, ct);
        return new VersionDetail(version.Id, instrument.Id, instrument.Name, version.Number, version.IsLocked, version.Attribution,
            version.Items.OrderBy(i => i.Position).Select(i => i.ToDefinition()).ToList());
    }

    public async Task<Result<VersionDetail>> CreateAsync(CreateInstrumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Validate(request.Items);
        if (string.IsNullOrWhiteSpace(request.Key) || !KeyPattern().IsMatch(request.Key))
        {
            errors["key"] = ["Use 1–100 lower-case letters, digits and hyphens for the key."];
        }
        else if (await db.Instruments.AnyAsync(i => i.Key == request.Key, ct))
        {
            errors["key"] = [$"An instrument with the key '{request.Key}' exists already."];
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 300)
        {
            errors["name"] = ["Give the instrument a name of 1 to 300 characters."];
        }

        if (errors.Count > 0)
        {
            return new InstrumentValidation(errors);
        }

        var instrument = new Instrument(request.Key, request.Name.Trim());
        db.Instruments.Add(instrument);
        var version = AddVersion(instrument.Id, 1, request.Attribution, request.Items);
        await db.SaveChangesAsync(ct);
        return await GetVersionAsync(version.Id, ct);
    }

    public async Task<Result<VersionDetail>> AddVersionAsync(Guid instrumentId, NewVersionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Instruments.AnyAsync(i => i.Id == instrumentId, ct))
        {
            return new NotFound("instrument", instrumentId.ToString());
        }

        var errors = Validate(request.Items);
        if (errors.Count > 0)
        {
            return new InstrumentValidation(errors);
        }

        var next = await db.InstrumentVersions.Where(v => v.InstrumentId == instrumentId).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        var version = AddVersion(instrumentId, next + 1, request.Attribution, request.Items);
        await db.SaveChangesAsync(ct);
        return await GetVersionAsync(version.Id, ct);
    }

    /// <summary>Adds an instrument from a definition if its key is new (used to seed the default instrument).</summary>
    public Task EnsureAsync(InstrumentDefinition definition, CancellationToken ct) => InstrumentSeeding.EnsureAsync(db, definition, ct);

    private InstrumentVersion AddVersion(Guid instrumentId, int number, string? attribution, IReadOnlyList<ItemRequest> items)
    {
        var version = new InstrumentVersion(instrumentId, number, string.IsNullOrWhiteSpace(attribution) ? null : attribution.Trim());
        version.Items.AddRange(items.Select((r, i) => new InstrumentItem(version.Id, i, new ItemDefinition(
            r.Code.Trim(), r.Text.Trim(), r.Scale, r.Scale == ItemScale.Agreement5 ? r.Component : null, r.Outcome,
            r.Scale == ItemScale.Agreement5 && r.ReverseKeyed, r.Scale == ItemScale.Agreement5 && r.AllowDontKnow,
            string.IsNullOrWhiteSpace(r.Source) ? "Written by this organisation" : r.Source.Trim(),
            string.IsNullOrWhiteSpace(r.Licence) ? "Proprietary to this organisation" : r.Licence.Trim(),
            r.Choices?.Select(c => c.Trim()).ToList(), r.Language))));
        db.InstrumentVersions.Add(version);
        return version;
    }

    /// <summary>Field-level validation of an item list; keys are <c>items[i].field</c>.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<ItemRequest>? items)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (items is null || items.Count == 0)
        {
            errors["items"] = ["An instrument needs at least one item."];
            return errors;
        }

        if (items.Count > 200)
        {
            errors["items"] = ["An instrument can have at most 200 items."];
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var r = items[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"items[{i}]");
            if (r is null)
            {
                errors[at] = ["This item is empty."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(r.Code) || !CodePattern().IsMatch(r.Code.Trim()))
            {
                errors[at + ".code"] = ["Use 1–50 letters, digits, hyphens or underscores for the code."];
            }
            else if (!seen.Add(r.Code.Trim()))
            {
                errors[at + ".code"] = [$"The code '{r.Code}' is used twice."];
            }

            if (string.IsNullOrWhiteSpace(r.Text) || r.Text.Length > 1000)
            {
                errors[at + ".text"] = ["Write the question in 1 to 1,000 characters."];
            }

            if (!Enum.IsDefined(r.Scale))
            {
                errors[at + ".scale"] = ["The scale must be Agreement5, ZeroToTen, SingleChoice or FreeText."];
            }

            if (r.Component is { } c && (!Enum.IsDefined(c) || r.Scale != ItemScale.Agreement5))
            {
                errors[at + ".component"] = ["Only agreement items can be mapped to a blueprint component."];
            }

            if (!Enum.IsDefined(r.Outcome))
            {
                errors[at + ".outcome"] = ["Unknown outcome."];
            }

            if (r.Outcome == OutcomeKind.Recommend && r.Scale != ItemScale.ZeroToTen)
            {
                errors[at + ".outcome"] = ["The recommend outcome needs the 0–10 scale."];
            }

            if (r.ReverseKeyed && r.Scale != ItemScale.Agreement5)
            {
                errors[at + ".reverseKeyed"] = ["Only agreement items can be reverse-keyed."];
            }

            if (r.Scale == ItemScale.SingleChoice && (r.Choices is null || r.Choices.Count is < 2 or > 20 || r.Choices.Any(string.IsNullOrWhiteSpace)
                || r.Choices.Distinct(StringComparer.Ordinal).Count() != r.Choices.Count || r.Choices.Any(x => x.Contains('\n', StringComparison.Ordinal))))
            {
                errors[at + ".choices"] = ["Give 2 to 20 different, non-empty choices, one line each."];
            }

            if (string.IsNullOrWhiteSpace(r.Language) || !LanguagePattern().IsMatch(r.Language))
            {
                errors[at + ".language"] = ["Give the language as a tag such as en, en-GB, fr or ar."];
            }
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}

public sealed record InstrumentValidation(IDictionary<string, string[]> Errors)
    : Error("instrument.invalid", "Some fields are not valid; nothing was changed."), IFieldErrors;
