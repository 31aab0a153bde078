namespace Belonging.Data.Campaigns;

/// <summary>
/// One invitee of a campaign, frozen at open: their leaf unit and reporting attributes as they were then, and the
/// SHA-256 hash of their single-use link token (the token itself is never stored). This is the participation mark:
/// it says who has answered (to stop double submission and compute response rates), never what.
/// </summary>
public sealed class Invitation
{
    private Invitation()
    {
    }

    public Invitation(Guid campaignId, Guid personId, Guid leafUnitId, string demographics, byte[] tokenHash)
    {
        Id = Ids.New();
        CampaignId = campaignId;
        PersonId = personId;
        LeafUnitId = leafUnitId;
        Demographics = demographics;
        TokenHash = tokenHash;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public Guid PersonId { get; private set; }

    public Guid LeafUnitId { get; private set; }

    /// <summary>Canonical JSON object of the invitee's reporting attributes at open (sorted keys).</summary>
    public string Demographics { get; private set; } = "{}";

    public byte[] TokenHash { get; private set; } = [];

    public bool Spent { get; private set; }

    public void Spend() => Spent = true;

    /// <summary>Replaces the token (a re-issue); earlier links stop working. Spent stays as it was, so a re-issued link of someone who answered still records nothing.</summary>
    public void ReplaceToken(byte[] tokenHash) => TokenHash = tokenHash;
}

/// <summary>
/// One invitee of a campaign as frozen at open, kept after the participation marks are folded into counts: who was
/// invited where, with which reporting attributes, and nothing about whether they answered. Later campaigns' releases
/// compare two rosters to see who joined, left or moved in each cell although its count stayed the same
/// (docs/methods/cross-release.md, "Roster churn"). The same people appear in the HR roster; this keeps it as it was at
/// open. On erasure the person id is replaced by a random one, the same in every campaign, so the churn stays right
/// and the rows name nobody.
/// </summary>
public sealed class RosterEntry
{
    private RosterEntry()
    {
    }

    public RosterEntry(Guid campaignId, Guid personId, Guid leafUnitId, string demographics)
    {
        Id = Ids.New();
        CampaignId = campaignId;
        PersonId = personId;
        LeafUnitId = leafUnitId;
        Demographics = demographics;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    /// <summary>The person's id, or after erasure a random id that is the same in all of their rows.</summary>
    public Guid PersonId { get; private set; }

    public Guid LeafUnitId { get; private set; }

    /// <summary>Canonical JSON object of the invitee's reporting attributes at open (as the invitation's).</summary>
    public string Demographics { get; private set; } = "{}";

    /// <summary>Replaces the person id by <paramref name="alias"/> (erasure).</summary>
    public void Pseudonymise(Guid alias) => PersonId = alias;
}

/// <summary>
/// A sealed ballot: one submitted answer set encrypted with the campaign key (AES-256-GCM) while the campaign is open.
/// Carries no person, no time, no order: its id is random and envelopes are opened and shuffled only at close.
/// </summary>
public sealed class Envelope
{
    private Envelope()
    {
    }

    public Envelope(Guid campaignId, byte[] nonce, byte[] ciphertext, byte[] tag)
    {
        Id = Ids.New();
        CampaignId = campaignId;
        Nonce = nonce;
        Ciphertext = ciphertext;
        Tag = tag;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public byte[] Nonce { get; private set; } = [];

    public byte[] Ciphertext { get; private set; } = [];

    public byte[] Tag { get; private set; } = [];
}

/// <summary>
/// One respondent's answers after close: the leaf unit and attributes frozen at open, and one byte per item slot
/// (0 = missing: skipped or "don't know"; agreement 1–5; 0–10 stored as value + 1; single choice as index + 1).
/// No person id, e-mail, IP, user agent or time; random id; rows written in shuffled order in one transaction.
/// </summary>
public sealed class ResponseSet
{
    private ResponseSet()
    {
    }

    public ResponseSet(Guid id, Guid campaignId, Guid leafUnitId, string demographics, byte[] values)
    {
        Id = id;
        CampaignId = campaignId;
        LeafUnitId = leafUnitId;
        Demographics = demographics;
        Values = values;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public Guid LeafUnitId { get; private set; }

    public string Demographics { get; private set; } = "{}";

    public byte[] Values { get; private set; } = [];

    /// <summary>
    /// Keeps only the attributes exactly as the published release counted them (designated attributes, small groups
    /// recoded); done once, in the transaction that stores the release, so the stored rows say no more than the release.
    /// </summary>
    /// <param name="released">Canonical JSON of the released attributes.</param>
    public void ReduceToReleased(string released) => Demographics = released;
}

/// <summary>
/// An open comment, stored apart from the scores it was written with (so text cannot be joined to answers),
/// with only the smallest unit around its author that holds at least k_c authors on the same question (CommentPlacement).
/// </summary>
public sealed class Comment
{
    private Comment()
    {
    }

    public Comment(Guid id, Guid campaignId, int itemPosition, Guid leafUnitId, string text)
    {
        Id = id;
        CampaignId = campaignId;
        ItemPosition = itemPosition;
        LeafUnitId = leafUnitId;
        Text = text;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public int ItemPosition { get; private set; }

    public Guid LeafUnitId { get; private set; }

    public string Text { get; private set; } = "";
}

/// <summary>
/// The org tree as it was when the campaign opened. Results always roll up over this frozen tree, so a later move of a
/// unit or a person cannot change (and so cannot be differenced against) a closed campaign's results.
/// </summary>
public sealed class CampaignUnit
{
    private CampaignUnit()
    {
    }

    public CampaignUnit(Guid campaignId, Guid unitId, Guid? parentUnitId, string name)
    {
        CampaignId = campaignId;
        UnitId = unitId;
        ParentUnitId = parentUnitId;
        Name = name;
    }

    public Guid CampaignId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid? ParentUnitId { get; private set; }

    public string Name { get; private set; } = "";
}

/// <summary>
/// What remains of participation marks once they are folded into counts — all of a campaign's marks after the appeal
/// window, or one erased person's mark at any time: per frozen unit, how many were invited and how many answered.
/// Invited and answered totals are always invitations + these counts. Who answered is not stored here.
/// </summary>
public sealed class ParticipationCount
{
    private ParticipationCount()
    {
    }

    public ParticipationCount(Guid campaignId, Guid unitId, int invited, int responded)
    {
        CampaignId = campaignId;
        UnitId = unitId;
        Invited = invited;
        Responded = responded;
    }

    public Guid CampaignId { get; private set; }

    public Guid UnitId { get; private set; }

    public int Invited { get; private set; }

    public int Responded { get; private set; }

    /// <summary>Folds more marks into this unit's counts (appeal-window reduction, or one erased person's mark).</summary>
    public void Add(int invited, int responded)
    {
        Invited += invited;
        Responded += responded;
    }
}
