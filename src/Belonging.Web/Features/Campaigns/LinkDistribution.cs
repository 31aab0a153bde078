using Belonging.Core;
using Belonging.Data.Campaigns;

namespace Belonging.Web.Features.Campaigns;

/// <summary>What opening a campaign did with the links.</summary>
/// <param name="Campaign">The campaign, now open.</param>
/// <param name="Invited">Number of invitees.</param>
/// <param name="Delivery">Mail (the system sent them; <paramref name="Links"/> is null) or Export (no mail server: the one export).</param>
/// <param name="Emailed">Messages the mail server accepted (0 on export).</param>
/// <param name="Links">The one export of every link, or null when they were e-mailed.</param>
public sealed record CampaignOpening(CampaignSummary Campaign, int Invited, LinkDelivery Delivery, int Emailed, IReadOnlyList<ExportedLink>? Links);

/// <summary>One link of the export at open, for the admin's own mail merge.</summary>
public sealed record ExportedLink(string EmployeeId, string Name, string Email, string Url);

/// <summary>A re-issue for the one person who asked, by employee id.</summary>
public sealed record ReissueRequest(string? EmployeeId);

/// <summary>
/// The outcome of a re-issue on request. Identical whether or not the person has answered. With a mail server the link
/// went to the person and <paramref name="Url"/> is null; without, <paramref name="Url"/> is the link, shown this once.
/// </summary>
public sealed record ReissuedLink(LinkDelivery Delivery, int Emailed, string? Url);

/// <summary>The outcome of a re-issue to everyone: how many links were issued and e-mailed (never to whom).</summary>
public sealed record ReissuedLinks(int Issued, int Emailed);

/// <summary>
/// How links reach invitees without an admin learning who has answered or answering in someone's name. With a mail
/// server the system sends every link and no route returns one. Without, the links are exported once, at open, and
/// the export is recorded in the campaign's distribution log for the works council. Re-issues go to one named person on
/// their request, or to everyone at once by mail; see docs/methods/link-distribution.md.
/// </summary>
internal sealed class LinkDistribution(CampaignLifecycle campaigns, InvitationMailer mailer)
{
    public bool MailConfigured => mailer.IsConfigured;

    private LinkDelivery Delivery => mailer.IsConfigured ? LinkDelivery.Mail : LinkDelivery.Export;

    public async Task<Result<CampaignOpening>> OpenAsync(Guid id, Func<string, string> linkUrl, CancellationToken ct)
    {
        var delivery = Delivery;
        var opened = await campaigns.OpenAsync(id, delivery, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error!;
        }

        var o = opened.Value;
        if (delivery == LinkDelivery.Mail)
        {
            var emailed = await mailer.SendAsync(o.Campaign, o.Links, linkUrl, ct);
            return new CampaignOpening(o.Campaign, o.Invited, delivery, emailed, null);
        }

        return new CampaignOpening(o.Campaign, o.Invited, delivery, 0, o.Links.Select(l => new ExportedLink(l.EmployeeId, l.Name, l.Email, linkUrl(l.Token))).ToList());
    }

    public async Task<Result<ReissuedLink>> ReissueOnRequestAsync(Guid id, string? employeeId, Func<string, string> linkUrl, CancellationToken ct)
    {
        var delivery = Delivery;
        var issued = await campaigns.ReissueOnRequestAsync(id, employeeId ?? "", delivery, ct);
        if (!issued.IsSuccess)
        {
            return issued.Error!;
        }

        if (delivery == LinkDelivery.Mail)
        {
            var campaign = await campaigns.GetAsync(id, ct);
            var emailed = await mailer.SendAsync(campaign.Value, [issued.Value], linkUrl, ct);
            return new ReissuedLink(delivery, emailed, null);
        }

        return new ReissuedLink(delivery, 0, linkUrl(issued.Value.Token));
    }

    public async Task<Result<ReissuedLinks>> ReissueToEveryoneAsync(Guid id, Func<string, string> linkUrl, CancellationToken ct)
    {
        var issued = await campaigns.ReissueToEveryoneAsync(id, Delivery, ct);
        if (!issued.IsSuccess)
        {
            return issued.Error!;
        }

        var campaign = await campaigns.GetAsync(id, ct);
        var emailed = await mailer.SendAsync(campaign.Value, issued.Value, linkUrl, ct);
        return new ReissuedLinks(issued.Value.Count, emailed);
    }
}
