namespace Belonging.Data.Campaigns;

/// <summary>How links leave the system: e-mailed by it (the admin never sees them) or handed to the admin.</summary>
public enum LinkDelivery
{
    /// <summary>The system e-mails each link to its invitee; no route returns it.</summary>
    Mail = 0,

    /// <summary>The link is returned once to the admin (no SMTP server configured); recorded in the distribution log.</summary>
    Export = 1,
}

/// <summary>What one entry of a campaign's distribution log records.</summary>
public enum DistributionKind
{
    /// <summary>Every invitee's link e-mailed by the system at open.</summary>
    MailedAtOpen = 0,

    /// <summary>Every invitee's link exported once to the admin at open (no SMTP server).</summary>
    ExportedAtOpen = 1,

    /// <summary>One person's link re-issued on their request and e-mailed to them.</summary>
    ReissuedOnRequestMailed = 2,

    /// <summary>One person's link re-issued on their request and handed to the admin (no SMTP server).</summary>
    ReissuedOnRequestExported = 3,

    /// <summary>Every invitee's link re-issued at once and e-mailed by the system.</summary>
    ReissuedToEveryoneMailed = 4,
}

/// <summary>
/// One entry of a campaign's link-distribution log, for the works council: the day, what was done with links, and how
/// many. Never whom: there is no person, employee id, unit or account here, and the day is a date, not a time.
/// </summary>
public sealed class DistributionLogEntry
{
    private DistributionLogEntry()
    {
    }

    public DistributionLogEntry(Guid campaignId, DateOnly on, DistributionKind kind, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Id = Ids.New();
        CampaignId = campaignId;
        On = on;
        Kind = kind;
        Count = count;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    /// <summary>The day (UTC).</summary>
    public DateOnly On { get; private set; }

    public DistributionKind Kind { get; private set; }

    /// <summary>How many links.</summary>
    public int Count { get; private set; }

    /// <summary>Plain-language description for the works council.</summary>
    public static string Describe(DistributionKind kind, int count) => kind switch
    {
        DistributionKind.MailedAtOpen => $"{Links(count)} e-mailed by the system at open (nobody saw them)",
        DistributionKind.ExportedAtOpen => $"{Links(count)} exported to the admin at open, once (no mail server; the admin handed them out)",
        DistributionKind.ReissuedOnRequestMailed => $"{Links(count)} re-issued on request, e-mailed by the system to that person",
        DistributionKind.ReissuedOnRequestExported => $"{Links(count)} re-issued on request, handed to the admin (no mail server)",
        DistributionKind.ReissuedToEveryoneMailed => $"{Links(count)} re-issued to everyone at once, e-mailed by the system",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Links(int count) => count == 1 ? "1 link" : $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} links";
}
