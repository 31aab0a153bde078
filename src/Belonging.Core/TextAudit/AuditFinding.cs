namespace Belonging.Core.TextAudit;

/// <summary>One place in a text where a rule fired.</summary>
/// <param name="File">The file name or label the caller gave.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character, in UTF-16 code units (as editors and SARIF count).</param>
/// <param name="EndLine">1-based line of the last character.</param>
/// <param name="EndColumn">1-based column just after the last character.</param>
/// <param name="Start">0-based character offset of the match in the text.</param>
/// <param name="Length">Length of the match in characters.</param>
/// <param name="Text">The matched text as written.</param>
/// <param name="RuleId">The rule's id.</param>
/// <param name="PackId">The id of the pack the rule came from.</param>
/// <param name="Category">What kind of exclusion.</param>
/// <param name="Severity">How strongly to act.</param>
/// <param name="Explanation">Plain-language reason.</param>
/// <param name="Suggestions">Rewrites, best first (may be empty).</param>
/// <param name="Source">The rule's source.</param>
/// <param name="Licence">The rule's licence.</param>
public sealed record AuditFinding(
    string File,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    int Start,
    int Length,
    string Text,
    string RuleId,
    string PackId,
    AuditCategory Category,
    AuditSeverity Severity,
    string Explanation,
    IReadOnlyList<string> Suggestions,
    string Source,
    string Licence);

/// <summary>Organisation settings for an audit.</summary>
public sealed record AuditOptions
{
    /// <summary>Phrases the organisation allows (e.g. a product called "Master Plan"); a match whose text equals one, ignoring case, is not reported.</summary>
    public IReadOnlySet<string> AllowedPhrases { get; init; } = new HashSet<string>();

    /// <summary>Rule ids switched off (an id matches in every pack).</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>();

    /// <summary>Rule ids switched on although their pack has them off by default.</summary>
    public IReadOnlySet<string> EnabledRules { get; init; } = new HashSet<string>();
}
