using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Belonging.Core;
using Belonging.Core.TextAudit;
using Belonging.Formats.Documents;
using Belonging.Formats.Tables;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.PolicyAudit;

/// <summary>A finding in the current version with what reviewers decided about its passage.</summary>
/// <param name="Number">1-based number in reading order (shown next to the highlight).</param>
/// <param name="Finding">The auditor's finding.</param>
/// <param name="PassageKey">Key of the sentence/line it sits in (decisions are remembered per rule and passage).</param>
/// <param name="Status">"open", "dismissed" or "assigned".</param>
/// <param name="Note">Dismissal reason or the owner of the fix.</param>
public sealed record ReviewedFinding(int Number, AuditFinding Finding, string PassageKey, string Status, string? Note);

/// <summary>A version in a policy's history.</summary>
public sealed record VersionSummary(int Number, string FileName, string Origin, DateTime CreatedAt, int OpenFindings);

/// <summary>Everything the document page shows.</summary>
public sealed record DocumentReview(
    Guid Id, string Title, string? Owner, int Version, string Text, TextKind Kind, IReadOnlyList<ReviewedFinding> Findings,
    IReadOnlyList<VersionSummary> Versions, ReadabilityResult Readability, GenderCodedResult GenderCoding);

/// <summary>A dashboard row: one policy and its open findings by category.</summary>
public sealed record LibraryRow(Guid Id, string Title, int Version, string? Owner, int Open, int Dismissed, int Assigned, IReadOnlyDictionary<AuditCategory, int> OpenByCategory);

/// <summary>Auditors per organisation allow-list, built once and shared (rule packs load once per list).</summary>
public sealed class PolicyAuditors
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TextAuditor> byList = new(StringComparer.Ordinal);

    /// <summary>The auditor that ignores <paramref name="allowed"/>.</summary>
    public TextAuditor For(IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var key = string.Join("\n", allowed.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return byList.GetOrAdd(key, _ => TextAuditor.CreateDefault(new AuditOptions { AllowedPhrases = new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase) }));
    }
}

/// <summary>A finding decision asked for at a position that holds no such finding in the current version.</summary>
public sealed record FindingNotFoundError(string RuleId, int Start)
    : Error("policies.finding_not_found", $"There is no '{RuleId}' finding at position {Start.ToString(CultureInfo.InvariantCulture)} in the current version; reload the document.");

/// <summary>A decision is missing its reason, owner or suggestion.</summary>
public sealed record DecisionInvalidError(string Detail) : Error("policies.decision_invalid", Detail);

/// <summary>An upload had no files.</summary>
public sealed record NoFilesError() : Error("policies.no_files", "Choose one or more policy files (Markdown, text, HTML, Word, PDF, or a zip of them).");

/// <summary>
/// The policy library: upload (all-or-nothing), audit, review decisions that are remembered per passage, accepting a
/// suggestion as a new version, and exports. Findings are recomputed from the stored text, so rule-pack
/// improvements apply to every document at once.
/// </summary>
public sealed class PolicyLibrary(AppDbContext db, PolicyAuditors auditors, TimeProvider clock)
{
    private TextAuditor? auditor;

    /// <summary>The auditor with the organisation's allowed phrases (built once per allow-list).</summary>
    private async Task<TextAuditor> AuditorAsync(CancellationToken ct) =>
        auditor ??= auditors.For(await db.AllowedPhrases.AsNoTracking().Select(p => p.Phrase).ToListAsync(ct));

    /// <summary>The organisation's allowed phrases.</summary>
    public async Task<IReadOnlyList<AllowedPhrase>> AllowedPhrasesAsync(CancellationToken ct) =>
        await db.AllowedPhrases.AsNoTracking().OrderBy(p => p.Phrase).ToListAsync(ct);

    /// <summary>Allows a phrase in every policy (findings whose text equals it, ignoring case, are no longer reported).</summary>
    public async Task<Result<AllowedPhrase>> AllowAsync(string? phrase, string? reason, CancellationToken ct)
    {
        phrase = phrase?.Trim();
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(phrase) || phrase.Length > 200 || string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            return new DecisionInvalidError("Give the phrase (up to 200 characters) and why it is acceptable here (up to 1,000).");
        }

        var existing = await db.AllowedPhrases.AsNoTracking().Select(p => p.Phrase).ToListAsync(ct);
        if (existing.Contains(phrase, StringComparer.OrdinalIgnoreCase))
        {
            return new DecisionInvalidError($"\"{phrase}\" is already allowed.");
        }

        var allowed = new AllowedPhrase(phrase, reason, clock.GetUtcNow().UtcDateTime);
        db.AllowedPhrases.Add(allowed);
        await db.SaveChangesAsync(ct);
        auditor = null;
        return allowed;
    }

    /// <summary>Removes an allowed phrase.</summary>
    public async Task<bool> DisallowAsync(Guid id, CancellationToken ct)
    {
        auditor = null;
        return await db.AllowedPhrases.Where(p => p.Id == id).ExecuteDeleteAsync(ct) > 0;
    }
    /// <summary>Reads every file (zips expand to their documents), refusing the whole upload on the first bad file; a document whose title already exists gets a new version.</summary>
    public async Task<Result<IReadOnlyList<Guid>>> UploadAsync(IReadOnlyList<(string FileName, Stream Content)> files, DocumentReadLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return new NoFilesError();
        }

        var extracted = new List<ExtractedDocument>();
        foreach (var (name, content) in files)
        {
            var read = DocumentReader.Read(content, name, limits);
            if (!read.IsSuccess)
            {
                return read.Error!;
            }

            extracted.AddRange(read.Value);
        }

        if (extracted.Count == 0)
        {
            return new NoFilesError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = new List<Guid>();
        foreach (var doc in extracted)
        {
            var title = Path.GetFileNameWithoutExtension(doc.Name);
            title = title.Length > 300 ? title[..300] : title;
            var document = await db.PolicyDocuments.FirstOrDefaultAsync(d => d.Title == title, ct)
                ?? db.PolicyDocuments.Local.FirstOrDefault(d => d.Title == title);
            if (document is null)
            {
                document = new PolicyDocument(title, now);
                db.PolicyDocuments.Add(document);
            }

            var version = document.AddVersion(Path.GetFileName(doc.Name), doc.Text, doc.Kind, "uploaded", now);
            version.Audited(0);
            db.PolicyVersions.Add(version);
            ids.Add(document.Id);
        }

        await db.SaveChangesAsync(ct);
        foreach (var id in ids.Distinct())
        {
            await RecountAsync(id, ct);
        }

        return ids.Distinct().ToList();
    }

    /// <summary>The dashboard: every policy with its open findings by category.</summary>
    public async Task<IReadOnlyList<LibraryRow>> LibraryAsync(CancellationToken ct)
    {
        var documents = await db.PolicyDocuments.AsNoTracking().OrderBy(d => d.Title).ToListAsync(ct);
        var rows = new List<LibraryRow>(documents.Count);
        foreach (var d in documents)
        {
            var review = await ReviewAsync(d.Id, ct);
            var findings = review.Value.Findings;
            rows.Add(new LibraryRow(
                d.Id, d.Title, d.LatestVersion, d.Owner,
                findings.Count(f => f.Status == "open"), findings.Count(f => f.Status == "dismissed"), findings.Count(f => f.Status == "assigned"),
                findings.Where(f => f.Status != "dismissed").GroupBy(f => f.Finding.Category).ToDictionary(g => g.Key, g => g.Count())));
        }

        return rows;
    }

    /// <summary>The current version with its findings and their review status.</summary>
    public async Task<Result<DocumentReview>> ReviewAsync(Guid documentId, CancellationToken ct)
    {
        var document = await db.PolicyDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return new NotFound("policy", documentId.ToString());
        }

        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.DocumentId == documentId).OrderBy(v => v.Number).ToListAsync(ct);
        var current = versions[^1];
        var decisions = await db.FindingDecisions.AsNoTracking().Where(x => x.DocumentId == documentId).ToListAsync(ct);
        var findings = (await AuditorAsync(ct)).Audit(current.Text, current.FileName, current.Kind)
            .OrderBy(f => f.Start)
            .Select((f, i) =>
            {
                var key = PassageKey(current.Text, f);
                var dismissed = decisions.FirstOrDefault(x => x.RuleId == f.RuleId && x.PassageKey == key && x.Kind == FindingDecisionKind.Dismissed);
                var assigned = decisions.FirstOrDefault(x => x.RuleId == f.RuleId && x.PassageKey == key && x.Kind == FindingDecisionKind.Assigned);
                return dismissed is not null
                    ? new ReviewedFinding(i + 1, f, key, "dismissed", dismissed.Note)
                    : assigned is not null ? new ReviewedFinding(i + 1, f, key, "assigned", assigned.Note) : new ReviewedFinding(i + 1, f, key, "open", null);
            })
            .ToList();
        var readability = current.Kind == TextKind.Markdown ? Readability.AnalyseMarkdown(current.Text) : Readability.Analyse(current.Text);
        return new DocumentReview(
            document.Id, document.Title, document.Owner, current.Number, current.Text, current.Kind, findings,
            versions.Select(v => new VersionSummary(v.Number, v.FileName, v.Origin, v.CreatedAt, v.OpenFindings)).ToList(),
            readability, GenderCodedWording.Analyse(current.Text));
    }

    /// <summary>Applies a suggested rewrite to the finding at <paramref name="start"/>: the result is a new version.</summary>
    public async Task<Result<DocumentReview>> AcceptAsync(Guid documentId, string ruleId, int start, string suggestion, CancellationToken ct)
    {
        var located = await LocateAsync(documentId, ruleId, start, ct);
        if (!located.IsSuccess)
        {
            return located.Error!;
        }

        var (document, version, finding) = located.Value;
        if (!finding.Suggestions.Contains(suggestion, StringComparer.Ordinal))
        {
            return new DecisionInvalidError("Choose one of the suggested rewrites.");
        }

        var text = string.Concat(version.Text.AsSpan(0, finding.Start), MatchCase(finding.Text, suggestion), version.Text.AsSpan(finding.Start + finding.Length));
        var next = document.AddVersion(version.FileName, text, version.Kind, $"accepted \"{suggestion}\" for \"{finding.Text}\"", clock.GetUtcNow().UtcDateTime);
        db.PolicyVersions.Add(next);
        await db.SaveChangesAsync(ct);
        await RecountAsync(documentId, ct);
        return await ReviewAsync(documentId, ct);
    }

    /// <summary>Dismisses a finding with a reason, or assigns its fix to an owner; remembered for the passage.</summary>
    public async Task<Result<DocumentReview>> DecideAsync(Guid documentId, string ruleId, int start, FindingDecisionKind kind, string? note, CancellationToken ct)
    {
        note = note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > 1000)
        {
            return new DecisionInvalidError(kind == FindingDecisionKind.Dismissed
                ? "Say why this is not an issue here (up to 1,000 characters): the reason is kept for reviewers."
                : "Name the person who will fix it.");
        }

        var located = await LocateAsync(documentId, ruleId, start, ct);
        if (!located.IsSuccess)
        {
            return located.Error!;
        }

        var (_, version, finding) = located.Value;
        var key = PassageKey(version.Text, finding);
        if (!await db.FindingDecisions.AnyAsync(x => x.DocumentId == documentId && x.RuleId == ruleId && x.PassageKey == key && x.Kind == kind, ct))
        {
            db.FindingDecisions.Add(new FindingDecision(documentId, ruleId, key, kind, note, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(ct);
        }

        await RecountAsync(documentId, ct);
        return await ReviewAsync(documentId, ct);
    }

    /// <summary>Sets who owns fixing the whole policy.</summary>
    public async Task<Result<DocumentReview>> AssignOwnerAsync(Guid documentId, string? owner, CancellationToken ct)
    {
        var document = await db.PolicyDocuments.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return new NotFound("policy", documentId.ToString());
        }

        document.AssignOwner(owner);
        await db.SaveChangesAsync(ct);
        return await ReviewAsync(documentId, ct);
    }

    /// <summary>Export column headers.</summary>
    public static readonly IReadOnlyList<string> FindingHeaders =
        ["policy", "version", "number", "line", "column", "text", "rule", "category", "severity", "status", "note", "explanation", "suggestions", "source", "licence"];

    /// <summary>Every finding of every policy's current version.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string?>>> FindingRowsAsync(CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var d in await db.PolicyDocuments.AsNoTracking().OrderBy(d => d.Title).Select(d => d.Id).ToListAsync(ct))
        {
            var r = (await ReviewAsync(d, ct)).Value;
            rows.AddRange(r.Findings.Select(f => (IReadOnlyList<string?>)
            [
                r.Title, I(r.Version), I(f.Number), I(f.Finding.Line), I(f.Finding.Column), f.Finding.Text, f.Finding.RuleId,
                RulePackLoader.CategoryName(f.Finding.Category), f.Finding.Severity.ToString().ToLowerInvariant(), f.Status, f.Note,
                f.Finding.Explanation, string.Join(" | ", f.Finding.Suggestions), f.Finding.Source, f.Finding.Licence,
            ]));
        }

        return rows;
    }

    public async Task<byte[]> FindingsCsvAsync(CancellationToken ct) => CsvExport.Write(FindingHeaders, await FindingRowsAsync(ct));

    public async Task<byte[]> FindingsXlsxAsync(CancellationToken ct) => XlsxExport.Write("Findings", FindingHeaders, await FindingRowsAsync(ct));

    /// <summary>The current (fixed) text as Markdown, or as a Word document with one paragraph per line.</summary>
    public async Task<Result<(string FileName, byte[] Content, string ContentType)>> FixedAsync(Guid documentId, string format, CancellationToken ct)
    {
        var review = await ReviewAsync(documentId, ct);
        if (!review.IsSuccess)
        {
            return review.Error!;
        }

        var r = review.Value;
        return format == "docx"
            ? (r.Title + ".docx", DocxWriter.Write(r.Title, r.Text), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            : (r.Title + ".md", new UTF8Encoding(false).GetBytes(r.Text), "text/markdown; charset=utf-8");
    }

    /// <summary>Stable key of the passage that holds a finding: SHA-256 of the rule id and the normalised line.</summary>
    public static string PassageKey(string text, AuditFinding finding)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(finding);
        var lineStart = finding.Start == 0 ? 0 : text.LastIndexOf('\n', Math.Max(0, finding.Start - 1)) + 1;
        var lineEnd = text.IndexOf('\n', finding.Start);
        var line = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
        var normalised = string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(finding.RuleId + "\n" + normalised)));
    }

    private async Task<Result<(PolicyDocument Document, PolicyVersion Version, AuditFinding Finding)>> LocateAsync(Guid documentId, string ruleId, int start, CancellationToken ct)
    {
        var document = await db.PolicyDocuments.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return new NotFound("policy", documentId.ToString());
        }

        var version = await db.PolicyVersions.AsNoTracking().FirstAsync(v => v.DocumentId == documentId && v.Number == document.LatestVersion, ct);
        var finding = (await AuditorAsync(ct)).Audit(version.Text, version.FileName, version.Kind).FirstOrDefault(f => f.RuleId == ruleId && f.Start == start);
        return finding is null ? new FindingNotFoundError(ruleId, start) : (document, version, finding);
    }

    private async Task RecountAsync(Guid documentId, CancellationToken ct)
    {
        var review = (await ReviewAsync(documentId, ct)).Value;
        var latest = await db.PolicyVersions.FirstAsync(v => v.DocumentId == documentId && v.Number == review.Version, ct);
        latest.Audited(review.Findings.Count(f => f.Status == "open"));
        await db.SaveChangesAsync(ct);
    }

    private static string MatchCase(string original, string replacement) =>
        original.Length > 0 && char.IsUpper(original[0]) && replacement.Length > 0
            ? char.ToUpperInvariant(replacement[0]) + replacement[1..]
            : replacement;

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
