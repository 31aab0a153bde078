using Belonging.Core.TextAudit;
using Belonging.Data.PolicyAudit;
using Belonging.Formats.Documents;
using Belonging.Web.Platform;

namespace Belonging.Web.Features.Policies;

/// <summary>Input for a decision on a finding.</summary>
public sealed record FindingDecisionRequest(string? RuleId, int? Start, string? Decision, string? Note, string? Suggestion);

/// <summary>Input for an allowed phrase.</summary>
public sealed record AllowedPhraseRequest(string? Phrase, string? Reason);

/// <summary>Input for the policy's owner.</summary>
public sealed record PolicyOwnerRequest(string? Owner);

internal static class PoliciesEndpoints
{
    /// <summary>Upload bounds: each file 20 MiB, zips unpack to at most 100 MiB.</summary>
    public static readonly DocumentReadLimits Limits = new();

    public static WebApplicationBuilder AddPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PolicyAuditors>();
        builder.Services.AddScoped<PolicyLibrary>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPolicies(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies").WithTags("Policies").RequireAuthorization(Auth.Admin);
        api.MapGet("/", LibraryAsync).WithName("GetPolicyLibrary").WithSummary("Every policy with its open findings by category.");
        api.MapPost("/", UploadAsync).WithName("UploadPolicies")
            .WithSummary("Uploads policy files (Markdown, text, HTML, DOCX, PDF or a zip of them; multipart form field 'files'). All or nothing; an existing title gets a new version.");
        api.MapGet("/{id:guid}", ReviewAsync).WithName("GetPolicy").WithSummary("The current version with its findings and their review status, and the version history.");
        api.MapPost("/{id:guid}/findings", DecideEndpointAsync).WithName("DecideFinding")
            .WithSummary("Accepts a suggestion (decision 'accept', a new version), dismisses a finding with a reason ('dismiss') or assigns its fix to an owner ('assign').");
        api.MapPut("/{id:guid}/owner", OwnerAsync).WithName("SetPolicyOwner").WithSummary("Sets who owns fixing the policy.");
        api.MapGet("/{id:guid}/fixed", FixedAsync).WithName("GetFixedPolicy").WithSummary("The current text as Markdown (format=md) or Word (format=docx).");
        api.MapGet("/allowed-phrases", async (PolicyLibrary library, CancellationToken ct) => TypedResults.Ok(await library.AllowedPhrasesAsync(ct)))
            .WithName("GetAllowedPhrases").WithSummary("The organisation's allowed phrases.");
        api.MapPost("/allowed-phrases", AllowAsync).WithName("AllowPhrase").WithSummary("Allows a phrase in every policy, with the reason.");
        api.MapGet("/findings", FindingsAsync).WithName("ExportPolicyFindings").WithSummary("Every finding of every policy as CSV (format=csv) or XLSX (format=xlsx).");
        return app;
    }

    private static async Task<IResult> LibraryAsync(PolicyLibrary library, CancellationToken ct) => TypedResults.Ok(await library.LibraryAsync(ct));

    private static async Task<IResult> UploadAsync(HttpRequest request, PolicyLibrary library, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ErrorResults.From(new NoFilesError(), StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(ct);
        var result = await UploadFormAsync(form.Files, library, ct);
        return result.Match(ids => (IResult)TypedResults.Ok(new { Documents = ids }), e => ErrorResults.From(e, StatusCodes.Status400BadRequest));
    }

    /// <summary>Shared by the API and the page: reads the uploaded files and stores them, all or nothing.</summary>
    public static async Task<Belonging.Core.Result<IReadOnlyList<Guid>>> UploadFormAsync(IFormFileCollection files, PolicyLibrary library, CancellationToken ct)
    {
        var opened = new List<(string, Stream)>();
        try
        {
            foreach (var f in files)
            {
                if (f.Length > Limits.MaxBytes)
                {
                    return new DocumentError.TooLarge(f.FileName, Limits.MaxBytes);
                }

                opened.Add((Path.GetFileName(f.FileName), f.OpenReadStream()));
            }

            return await library.UploadAsync(opened, Limits, ct);
        }
        finally
        {
            foreach (var (_, s) in opened)
            {
                await s.DisposeAsync();
            }
        }
    }

    private static async Task<IResult> ReviewAsync(Guid id, PolicyLibrary library, CancellationToken ct) =>
        (await library.ReviewAsync(id, ct)).Match(r => (IResult)TypedResults.Ok(View(r)), e => ErrorResults.From(e));

    private static async Task<IResult> DecideEndpointAsync(Guid id, FindingDecisionRequest request, PolicyLibrary library, CancellationToken ct)
    {
        var result = await DecideAsync(id, request, library, ct);
        return result.Match(r => (IResult)TypedResults.Ok(View(r)), e => ErrorResults.From(e, StatusCodes.Status400BadRequest));
    }

    /// <summary>Shared by the API and the page.</summary>
    public static Task<Belonging.Core.Result<DocumentReview>> DecideAsync(Guid id, FindingDecisionRequest request, PolicyLibrary library, CancellationToken ct) =>
        request switch
        {
            { RuleId: null } or { Start: null } => Task.FromResult<Belonging.Core.Result<DocumentReview>>(new DecisionInvalidError("Name the finding (rule and position).")),
            { Decision: "accept" } => library.AcceptAsync(id, request.RuleId, request.Start.Value, request.Suggestion ?? "", ct),
            { Decision: "dismiss" } => library.DecideAsync(id, request.RuleId, request.Start.Value, FindingDecisionKind.Dismissed, request.Note, ct),
            { Decision: "assign" } => library.DecideAsync(id, request.RuleId, request.Start.Value, FindingDecisionKind.Assigned, request.Note, ct),
            _ => Task.FromResult<Belonging.Core.Result<DocumentReview>>(new DecisionInvalidError("The decision is accept, dismiss or assign.")),
        };

    private static async Task<IResult> OwnerAsync(Guid id, PolicyOwnerRequest request, PolicyLibrary library, CancellationToken ct) =>
        (await library.AssignOwnerAsync(id, request.Owner, ct)).Match(r => (IResult)TypedResults.Ok(View(r)), e => ErrorResults.From(e));

    private static async Task<IResult> FixedAsync(Guid id, string? format, PolicyLibrary library, CancellationToken ct) =>
        (await library.FixedAsync(id, format == "docx" ? "docx" : "md", ct)).Match(f => (IResult)TypedResults.File(f.Content, f.ContentType, f.FileName), e => ErrorResults.From(e));

    private static async Task<IResult> AllowAsync(AllowedPhraseRequest request, PolicyLibrary library, CancellationToken ct) =>
        (await library.AllowAsync(request.Phrase, request.Reason, ct)).Match(p => (IResult)TypedResults.Ok(p), e => ErrorResults.From(e, StatusCodes.Status400BadRequest));

    private static async Task<IResult> FindingsAsync(string? format, PolicyLibrary library, CancellationToken ct) =>
        format == "xlsx"
            ? TypedResults.File(await library.FindingsXlsxAsync(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "policy-findings.xlsx")
            : TypedResults.File(await library.FindingsCsvAsync(ct), "text/csv; charset=utf-8", "policy-findings.csv");

    private static object View(DocumentReview r) => new
    {
        r.Id,
        r.Title,
        r.Owner,
        r.Version,
        Findings = r.Findings.Select(f => new
        {
            f.Number,
            f.Finding.Line,
            f.Finding.Column,
            f.Finding.Start,
            f.Finding.Length,
            f.Finding.Text,
            f.Finding.RuleId,
            Category = RulePackLoader.CategoryName(f.Finding.Category),
            Severity = f.Finding.Severity.ToString().ToLowerInvariant(),
            f.Finding.Explanation,
            f.Finding.Suggestions,
            f.Finding.Source,
            f.Finding.Licence,
            f.Status,
            f.Note,
        }),
        r.Versions,
        Readability = new { r.Readability.Sentences, r.Readability.Words, r.Readability.Syllables, r.Readability.FleschReadingEase, r.Readability.FleschKincaidGrade },
        GenderCoding = new { Coding = r.GenderCoding.Coding.ToString(), r.GenderCoding.MasculineWords, r.GenderCoding.FeminineWords },
    };
}
