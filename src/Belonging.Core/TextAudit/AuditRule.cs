using System.Text.RegularExpressions;

namespace Belonging.Core.TextAudit;

/// <summary>What kind of exclusion a rule is about. Used for dashboards and filters.</summary>
public enum AuditCategory
{
    /// <summary>Gendered language: generic "he", "chairman", "manpower", "guys".</summary>
    Gendered = 1,

    /// <summary>Ableist language: "crazy", "lame", "wheelchair-bound".</summary>
    Ableist,

    /// <summary>Racially charged language: "blacklist", "master/slave", "grandfathered".</summary>
    Racial,

    /// <summary>Language that excludes or misnames LGBTQ+ people.</summary>
    Lgbtq,

    /// <summary>Age-coded wording: "young and dynamic", "digital native", "recent graduate".</summary>
    Age,

    /// <summary>Condescending wording: "obviously", "everyone knows".</summary>
    Condescending,

    /// <summary>Requirements that exclude people without need: degree, physical, "native speaker", "culture fit".</summary>
    ExclusionaryRequirement,

    /// <summary>Benefits that cover only some people: "maternity leave" as the only parental leave.</summary>
    NonInclusiveBenefit,

    /// <summary>Text that is harder to read than it needs to be (plain-language hints).</summary>
    Accessibility,

    /// <summary>Profanity or crude idiom in a policy text (whole words only).</summary>
    Profanity,

    /// <summary>Other exclusionary phrasing (colonial or violent idioms).</summary>
    Exclusionary,
}

/// <summary>How strongly a finding should be acted on. Ordered: <see cref="Info"/> &lt; <see cref="Warning"/> &lt; <see cref="Error"/>.</summary>
public enum AuditSeverity
{
    /// <summary>A suggestion; nothing is wrong as such (e.g. "he or she" → "they").</summary>
    Info = 1,

    /// <summary>Likely to exclude or alienate readers; should be fixed.</summary>
    Warning = 2,

    /// <summary>A slur or a requirement that is likely unlawful; must be fixed.</summary>
    Error = 3,
}

/// <summary>
/// A generic person noun must appear shortly before the match (same or previous sentence) for the rule to fire.
/// Used for the generic pronoun rule: "the employee … he" is flagged, "Joe … (he/him)" is not.
/// </summary>
/// <param name="Words">Lower-case words that count as a generic antecedent (compared ordinally, case-insensitively).</param>
/// <param name="WindowTokens">How many word tokens back to look, within the same paragraph.</param>
public sealed record AntecedentCondition(IReadOnlySet<string> Words, int WindowTokens);

/// <summary>One rule of a pack: phrases to find, what is wrong with them, what to write instead, and where the rule comes from.</summary>
/// <param name="Id">Stable id, unique within its pack (e.g. <c>chairman-chairwoman</c>).</param>
/// <param name="Category">What kind of exclusion.</param>
/// <param name="Severity">How strongly to act.</param>
/// <param name="Patterns">Phrases as written (e.g. "native english speaker"); words are matched whole and case-insensitively;
/// <c>*</c> stands for any one word; "," "/" "&amp;" are tokens of their own and must match literally.</param>
/// <param name="Explanation">Plain-language reason shown to the writer.</param>
/// <param name="Suggestions">Rewrites, best first; may be empty when the advice is to drop the word.</param>
/// <param name="Source">Where the rule comes from (URL, commit, or the curating team); never empty.</param>
/// <param name="Licence">Licence of the rule data (e.g. MIT); never empty.</param>
public sealed record AuditRule(
    string Id,
    AuditCategory Category,
    AuditSeverity Severity,
    IReadOnlyList<string> Patterns,
    string Explanation,
    IReadOnlyList<string> Suggestions,
    string Source,
    string Licence)
{
    /// <summary>Whether the rule runs unless an organisation switches it off (false: runs only when switched on).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Why the rule is off by default, when it is.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>
    /// For paired terms ("chairman"/"chairwoman"): no finding when two forms of the rule are joined by "or", "and" or "/"
    /// ("his or her" is handled by its own rule).
    /// </summary>
    public bool PairedFormsAllowed { get; init; }

    /// <summary>Skip matches written with a capital letter that is not at the start of a sentence, list item, heading or quote (names such as "Martin Luther King").</summary>
    public bool SkipProperNouns { get; init; }

    /// <summary>No finding when this expression matches the text right after the match (case-insensitive, anchored with <c>^</c> by the author).</summary>
    public Regex? NotFollowedBy { get; init; }

    /// <summary>No finding when this expression matches the text right before the match (case-insensitive, anchored with <c>$</c> by the author).</summary>
    public Regex? NotPrecededBy { get; init; }

    /// <summary>
    /// No finding anywhere in a document that contains one of these phrases, matched like <see cref="Patterns"/> (whole words,
    /// case-insensitive; e.g. "maternity leave" is fine when the policy also has "paternity" or "parental" leave).
    /// </summary>
    public IReadOnlyList<string> UnlessDocumentMentions { get; init; } = [];

    /// <summary>When set, the match must have a generic antecedent shortly before it.</summary>
    public AntecedentCondition? RequiresAntecedent { get; init; }

    /// <summary>Further reading (the upstream lists' own sources), if any.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
}

/// <summary>A set of rules for one language, with provenance.</summary>
/// <param name="Id">Pack id (e.g. <c>hr-en</c>).</param>
/// <param name="Language">BCP 47 language tag of the text the pack is for (e.g. <c>en</c>).</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Source">Where the pack comes from.</param>
/// <param name="Licence">Licence of the pack.</param>
/// <param name="Rules">The rules, in the order they were written (earlier wins ties between overlapping matches).</param>
public sealed record RulePack(string Id, string Language, string Name, string Source, string Licence, IReadOnlyList<AuditRule> Rules);
