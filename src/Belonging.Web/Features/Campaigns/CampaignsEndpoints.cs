using System.Globalization;
using Belonging.Core;
using Belonging.Data.Campaigns;
using Belonging.Formats.Tables;
using Belonging.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belonging.Web.Features.Campaigns;

internal static class CampaignsEndpoints
{
    public static WebApplicationBuilder AddCampaigns(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CampaignLifecycle>();
        builder.Services.AddSingleton<CampaignCloser>();
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection("Smtp"));
        builder.Services.AddSingleton<InvitationMailer>();
        builder.Services.AddScoped<LinkDistribution>();
        if (builder.Configuration.GetValue("Campaigns:AutoClose", defaultValue: true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<CampaignCloser>());
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(Auth.Admin);
        api.MapGet("/", ListAsync).WithName("ListCampaigns").WithSummary("All campaigns, newest first.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetCampaign").WithSummary("One campaign.");
        api.MapPost("/", CreateAsync).WithName("CreateCampaign").WithSummary("Creates a draft campaign.");
        api.MapPut("/{id:guid}/thresholds", SetThresholdsAsync).WithName("SetThresholds").WithSummary("Changes k and k_c; once the campaign is open they can only go up.");
        api.MapPost("/{id:guid}/open", OpenAsync).WithName("OpenCampaign")
            .WithSummary("Opens a draft and freezes the audience. With a mail server the system e-mails every link and returns counts only; without, it returns the links this once (recorded in the distribution log).");
        api.MapPost("/{id:guid}/links/on-request", ReissueOnRequestAsync).WithName("ReissueLinkOnRequest")
            .WithSummary("A new link for one invitee (by employee id) who asked for it, whether or not they have answered: e-mailed to them, or without a mail server returned once. Logged without the person.");
        api.MapPost("/{id:guid}/links/everyone", ReissueToEveryoneAsync).WithName("ReissueLinksToEveryone")
            .WithSummary("New links for every invitee, answered or not, e-mailed by the system; refused without a mail server. Logged.");
        api.MapPost("/{id:guid}/close", CloseAsync).WithName("CloseCampaign").WithSummary("Closes an open campaign: unseals, shuffles and stores answers, destroys the key.");
        api.MapPost("/{id:guid}/publish", PublishAsync).WithName("PublishCampaign").WithSummary("Makes organisation-level results visible to employees.");
        api.MapGet("/{id:guid}/participation", ParticipationAsync).WithName("GetParticipation")
            .WithSummary("Response rate from the campaign's daily snapshot (counts only, shown once at least k have answered); with noisy live counts on, each day's figure spends ε once.");
        api.MapPut("/{id:guid}/noisy-live-counts", SetNoisyLiveCountsAsync).WithName("SetNoisyLiveCounts").WithSummary("Turns noisy live response counts on or off (ε per daily figure, total budget); locked after the first noisy release.");

        // The distribution log is for the works council as much as for admins: any signed-in account may read it. It
        // holds dates, kinds and counts only.
        var log = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization();
        log.MapGet("/{id:guid}/distribution-log", DistributionLogAsync).WithName("GetDistributionLog")
            .WithSummary("When links were e-mailed, exported or re-issued, and how many — never to whom.");

        // Browser form on the campaign page: antiforgery-checked; it answers with the one links CSV, or (links e-mailed)
        // goes back to the campaign page. Re-issues are forms of the campaign page itself.
        var forms = app.MapGroup("/admin/campaigns").RequireAuthorization(Auth.Admin).ExcludeFromDescription();
        forms.MapPost("/{id:guid}/open", OpenFormAsync).WithName("OpenCampaignForm").WithSummary("Opens; e-mails the links, or downloads the one links CSV.");
        return app;
    }

    private static async Task<IResult> OpenFormAsync(Guid id, LinkDistribution links, PublicUrl urls, CancellationToken ct)
    {
        var opened = await links.OpenAsync(id, token => LinkUrl(urls, token), ct);
        if (!opened.IsSuccess)
        {
            return Map(opened.Error!);
        }

        return opened.Value.Links is { } exported
            ? TypedResults.File(LinksCsv(exported), "text/csv; charset=utf-8", $"links-{id:N}.csv")
            : TypedResults.LocalRedirect($"/admin/campaigns/{id}");
    }

    private static async Task<Ok<IReadOnlyList<CampaignSummary>>> ListAsync(CampaignLifecycle campaigns, CancellationToken ct) =>
        TypedResults.Ok(await campaigns.ListAsync(ct));

    private static async Task<IResult> GetAsync(Guid id, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.GetAsync(id, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> CreateAsync(CreateCampaignRequest request, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.CreateAsync(request, ct)).Match(c => TypedResults.Created($"/api/campaigns/{c.Id}", c), Map);

    private static async Task<IResult> SetThresholdsAsync(Guid id, ThresholdsRequest request, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.SetThresholdsAsync(id, request, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> OpenAsync(Guid id, LinkDistribution links, PublicUrl urls, CancellationToken ct) =>
        (await links.OpenAsync(id, token => LinkUrl(urls, token), ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> ReissueOnRequestAsync(Guid id, ReissueRequest request, LinkDistribution links, PublicUrl urls, CancellationToken ct) =>
        (await links.ReissueOnRequestAsync(id, request?.EmployeeId, token => LinkUrl(urls, token), ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> ReissueToEveryoneAsync(Guid id, LinkDistribution links, PublicUrl urls, CancellationToken ct) =>
        (await links.ReissueToEveryoneAsync(id, token => LinkUrl(urls, token), ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> DistributionLogAsync(Guid id, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.DistributionLogAsync(id, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> CloseAsync(Guid id, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.CloseAsync(id, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> PublishAsync(Guid id, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.PublishAsync(id, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> ParticipationAsync(Guid id, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.ParticipationAsync(id, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> SetNoisyLiveCountsAsync(Guid id, NoisyLiveCountsRequest request, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.SetNoisyLiveCountsAsync(id, request, ct)).Match(TypedResults.Ok, Map);

    private static IResult Map(Error e) => e switch
    {
        Belonging.Data.Campaigns.CampaignError.ThresholdBelowFloor or Belonging.Data.Campaigns.CampaignError.DatesOutOfOrder => ErrorResults.Problem(e),
        _ => ErrorResults.From(e),
    };

    /// <summary>A survey link: always from the configured public base URL, never from the request's Host header.</summary>
    public static string LinkUrl(PublicUrl urls, string token)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.Link(string.Create(CultureInfo.InvariantCulture, $"/s/{token}"));
    }

    public static byte[] LinksCsv(IEnumerable<ExportedLink> links) =>
        CsvExport.Write(["employee_id", "name", "email", "link"], links.Select(l => (IReadOnlyList<string?>)[l.EmployeeId, l.Name, l.Email, l.Url]));
}
