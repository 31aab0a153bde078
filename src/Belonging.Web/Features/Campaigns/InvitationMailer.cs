using System.Globalization;
using System.Net;
using System.Net.Mail;
using Belonging.Data.Campaigns;

namespace Belonging.Web.Features.Campaigns;

/// <summary>SMTP settings; invitations are e-mailed only when <see cref="Host"/> is set (otherwise the links are exported once, at open).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "belonging@localhost";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>A client for the configured server (credentials only when a user name is set).</summary>
    /// <returns>The client; the caller disposes it.</returns>
    public SmtpClient NewClient()
    {
        var client = new SmtpClient(Host!, Port) { EnableSsl = EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(Username))
        {
            client.Credentials = new NetworkCredential(Username, Password);
        }

        return client;
    }
}

/// <summary>Sends each invitee their own single-use link. The message carries the link and the close date — nothing else.</summary>
internal sealed partial class InvitationMailer(Microsoft.Extensions.Options.IOptions<SmtpOptions> options, ILogger<InvitationMailer> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <returns>How many messages the server accepted.</returns>
    public async Task<int> SendAsync(CampaignSummary campaign, IReadOnlyList<InvitationLink> links, Func<string, string> linkUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(linkUrl);
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return 0;
        }

        using var client = o.NewClient();
        var sent = 0;
        foreach (var link in links)
        {
            using var message = new MailMessage(o.From, link.Email)
            {
                Subject = $"Your invitation: {campaign.Name}",
                Body = string.Create(CultureInfo.InvariantCulture, $"""
                    Hello {link.Name},

                    You are invited to answer "{campaign.Name}". It takes about ten minutes and is open until {campaign.ClosesOn:d MMMM yyyy}.

                    {linkUrl(link.Token)}

                    This link is yours alone and replaces any earlier one. If you have already answered, your first answers stand and nothing more is recorded. Your answers are sealed until the survey closes and are then stored without your name, your e-mail address or the time you answered. Results are only shown for groups of several people.
                    """),
            };
            try
            {
                await client.SendMailAsync(message, ct);
                sent++;
            }
            catch (SmtpException ex)
            {
                SendFailed(logger, ex.StatusCode.ToString());
            }
        }

        Sent(logger, sent, links.Count);
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation e-mails accepted by the SMTP server: {Sent} of {Total}")]
    private static partial void Sent(ILogger logger, int sent, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An invitation e-mail was refused by the SMTP server ({Status}); the person can ask for their link to be re-issued")]
    private static partial void SendFailed(ILogger logger, string status);
}
