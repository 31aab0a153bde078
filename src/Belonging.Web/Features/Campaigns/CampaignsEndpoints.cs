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
        if (builder.Configuration.GetValue("Campaigns:AutoClose", defaultValue: true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<CampaignCloser>());
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(Auth.Admin).DisableAntiforgery();
        api.MapGet("/", ListAsync).WithName("ListCampaigns").WithSummary("All campaigns, newest first.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetCampaign").WithSummary("One campaign.");
        api.MapPost("/", CreateAsync).WithName("CreateCampaign").WithSummary("Creates a draft campaign.");
        api.MapPut("/{id:guid}/thresholds", SetThresholdsAsync).WithName("SetThresholds").WithSummary("Changes k and k_c; once anyone has answered they can only go up.");
        api.MapPost("/{id:guid}/open", OpenAsync).WithName("OpenCampaign").WithSummary("Opens a draft: freezes the audience and returns the single-use links (shown once).");
        api.MapPost("/{id:guid}/links", ReissueLinksAsync).WithName("ReissueLinks").WithSummary("New links (CSV) for everyone who has not answered; earlier links stop working.");
        api.MapPost("/{id:guid}/close", CloseAsync).WithName("CloseCampaign").WithSummary("Closes an open campaign: unseals, shuffles and stores answers, destroys the key.");
        api.MapPost("/{id:guid}/publish", PublishAsync).WithName("PublishCampaign").WithSummary("Makes organisation-level results visible to employees.");
        api.MapGet("/{id:guid}/participation", ParticipationAsync).WithName("GetParticipation").WithSummary("Live response rate (counts only); with noisy live counts on, each call spends ε and returns a noisy responded count.");
        api.MapPut("/{id:guid}/noisy-live-counts", SetNoisyLiveCountsAsync).WithName("SetNoisyLiveCounts").WithSummary("Turns noisy live response counts on or off (ε per view, total budget); locked after the first noisy release.");
        // Browser forms on the campaign page: antiforgery-checked, and they answer with the links CSV as a download.
        var forms = app.MapGroup("/admin/campaigns").RequireAuthorization(Auth.Admin).ExcludeFromDescription();
        forms.MapPost("/{id:guid}/open", OpenFormAsync).WithName("OpenCampaignForm").WithSummary("Opens and downloads the links CSV.");
        forms.MapPost("/{id:guid}/links", ReissueLinksAsync).WithName("ReissueLinksForm").WithSummary("Re-issues links as CSV.");
        return app;
    }

    private static async Task<IResult> OpenFormAsync(Guid id, CampaignLifecycle campaigns, InvitationMailer mailer, HttpRequest http, CancellationToken ct)
    {
        var opened = await campaigns.OpenAsync(id, ct);
        if (!opened.IsSuccess)
        {
            return Map(opened.Error!);
        }

        await mailer.SendAsync(opened.Value.Campaign, opened.Value.Links, token => LinkUrl(http, token), ct);
        return TypedResults.File(LinksCsv(http, opened.Value.Links), "text/csv; charset=utf-8", $"links-{id:N}.csv");
    }

    private static async Task<Ok<IReadOnlyList<CampaignSummary>>> ListAsync(CampaignLifecycle campaigns, CancellationToken ct) =>
        TypedResults.Ok(await campaigns.ListAsync(ct));

    private static async Task<IResult> GetAsync(Guid id, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.GetAsync(id, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> CreateAsync(CreateCampaignRequest request, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.CreateAsync(request, ct)).Match(c => TypedResults.Created($"/api/campaigns/{c.Id}", c), Map);

    private static async Task<IResult> SetThresholdsAsync(Guid id, ThresholdsRequest request, CampaignLifecycle campaigns, CancellationToken ct) =>
        (await campaigns.SetThresholdsAsync(id, request, ct)).Match(TypedResults.Ok, Map);

    private static async Task<IResult> OpenAsync(Guid id, CampaignLifecycle campaigns, InvitationMailer mailer, HttpRequest http, CancellationToken ct)
    {
        var opened = await campaigns.OpenAsync(id, ct);
        if (!opened.IsSuccess)
        {
            return Map(opened.Error!);
        }

        var o = opened.Value;
        var emailed = await mailer.SendAsync(o.Campaign, o.Links, token => LinkUrl(http, token), ct);
        return TypedResults.Ok(new { o.Campaign, o.Invited, Emailed = emailed, Links = o.Links.Select(l => new { l.EmployeeId, l.Name, l.Email, Url = LinkUrl(http, l.Token) }) });
    }

    private static async Task<IResult> ReissueLinksAsync(Guid id, CampaignLifecycle campaigns, HttpRequest http, CancellationToken ct) =>
        (await campaigns.ReissueLinksAsync(id, ct)).Match(
            links => TypedResults.File(LinksCsv(http, links), "text/csv; charset=utf-8", $"links-{id:N}.csv"),
            Map);

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

    public static string LinkUrl(HttpRequest http, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        return string.Create(CultureInfo.InvariantCulture, $"{http.Scheme}://{http.Host}{http.PathBase}/s/{token}");
    }

    public static byte[] LinksCsv(HttpRequest http, IEnumerable<InvitationLink> links) =>
        CsvExport.Write(["employee_id", "name", "email", "link"], links.Select(l => (IReadOnlyList<string?>)[l.EmployeeId, l.Name, l.Email, LinkUrl(http, l.Token)]));
}
