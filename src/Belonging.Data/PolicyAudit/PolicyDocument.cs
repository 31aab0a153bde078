using Belonging.Core.TextAudit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.PolicyAudit;

/// <summary>A policy in the library (handbook chapter, job ad, onboarding guide), tracked through its versions until it is clean.</summary>
public sealed class PolicyDocument
{
    private PolicyDocument()
    {
    }

    public PolicyDocument(string title, DateTime nowUtc)
    {
        Id = Ids.New();
        Title = title;
        CreatedAt = nowUtc;
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>Who is responsible for fixing this policy (name or e-mail), if assigned.</summary>
    public string? Owner { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public int LatestVersion { get; private set; }

    public void AssignOwner(string? owner) => Owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim();

    /// <summary>Adds the next version (1, 2, …).</summary>
    public PolicyVersion AddVersion(string fileName, string text, TextKind kind, string origin, DateTime nowUtc)
    {
        LatestVersion++;
        return new PolicyVersion(Id, LatestVersion, fileName, text, kind, origin, nowUtc);
    }
}

/// <summary>One version of a policy's text (as extracted from the uploaded file, or produced by accepting a suggestion).</summary>
public sealed class PolicyVersion
{
    private PolicyVersion()
    {
    }

    internal PolicyVersion(Guid documentId, int number, string fileName, string text, TextKind kind, string origin, DateTime nowUtc)
    {
        Id = Ids.New();
        DocumentId = documentId;
        Number = number;
        FileName = fileName;
        Text = text;
        Kind = kind;
        Origin = origin;
        CreatedAt = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid DocumentId { get; private set; }

    public int Number { get; private set; }

    public string FileName { get; private set; } = "";

    public string Text { get; private set; } = "";

    public TextKind Kind { get; private set; }

    /// <summary>"uploaded" or what changed it (e.g. "accepted a suggestion for 'chairman'").</summary>
    public string Origin { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    /// <summary>Open findings when this version was stored (for tracking progress across versions).</summary>
    public int OpenFindings { get; private set; }

    public void Audited(int openFindings) => OpenFindings = openFindings;
}

/// <summary>What a reviewer decided about a finding, remembered for the passage (rule + the sentence it sits in), so it survives edits elsewhere.</summary>
public enum FindingDecisionKind
{
    /// <summary>Not an issue here; the reason is kept.</summary>
    Dismissed = 1,

    /// <summary>A fix is assigned to an owner.</summary>
    Assigned = 2,
}

/// <summary>A reviewer's decision on a finding in a policy.</summary>
public sealed class FindingDecision
{
    private FindingDecision()
    {
    }

    public FindingDecision(Guid documentId, string ruleId, string passageKey, FindingDecisionKind kind, string note, DateTime nowUtc)
    {
        Id = Ids.New();
        DocumentId = documentId;
        RuleId = ruleId;
        PassageKey = passageKey;
        Kind = kind;
        Note = note;
        DecidedAt = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid DocumentId { get; private set; }

    public string RuleId { get; private set; } = "";

    /// <summary>SHA-256 (hex) of the normalised sentence/line that holds the finding.</summary>
    public string PassageKey { get; private set; } = "";

    public FindingDecisionKind Kind { get; private set; }

    /// <summary>The dismissal reason, or the owner a fix is assigned to.</summary>
    public string Note { get; private set; } = "";

    public DateTime DecidedAt { get; private set; }
}

internal sealed class PolicyDocumentConfiguration : IEntityTypeConfiguration<PolicyDocument>
{
    public void Configure(EntityTypeBuilder<PolicyDocument> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Title).HasMaxLength(300).IsRequired();
        b.Property(d => d.Owner).HasMaxLength(300);
    }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        b.Property(v => v.FileName).HasMaxLength(300);
        b.Property(v => v.Origin).HasMaxLength(300);
        b.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne<PolicyDocument>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FindingDecisionConfiguration : IEntityTypeConfiguration<FindingDecision>
{
    public void Configure(EntityTypeBuilder<FindingDecision> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.RuleId).HasMaxLength(200);
        b.Property(d => d.PassageKey).HasMaxLength(64);
        b.Property(d => d.Note).HasMaxLength(1000);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(d => new { d.DocumentId, d.RuleId, d.PassageKey, d.Kind }).IsUnique();
        b.HasOne<PolicyDocument>().WithMany().HasForeignKey(d => d.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A phrase the organisation allows in all its policies (e.g. a product called "Master Plan"); findings whose text equals it are not reported.</summary>
public sealed class AllowedPhrase
{
    private AllowedPhrase()
    {
    }

    public AllowedPhrase(string phrase, string reason, DateTime nowUtc)
    {
        Id = Ids.New();
        Phrase = phrase;
        Reason = reason;
        AddedAt = nowUtc;
    }

    public Guid Id { get; private set; }

    public string Phrase { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public DateTime AddedAt { get; private set; }
}

internal sealed class AllowedPhraseConfiguration : IEntityTypeConfiguration<AllowedPhrase>
{
    public void Configure(EntityTypeBuilder<AllowedPhrase> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Phrase).HasMaxLength(200).IsRequired();
        b.HasIndex(p => p.Phrase).IsUnique();
        b.Property(p => p.Reason).HasMaxLength(1000);
    }
}
