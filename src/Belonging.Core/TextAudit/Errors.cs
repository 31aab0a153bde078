using System.Globalization;

namespace Belonging.Core.TextAudit;

/// <summary>Why a rule pack was refused. Nothing of a refused pack is used.</summary>
/// <param name="Code">Stable code.</param>
/// <param name="Message">What is wrong and where.</param>
public abstract record RulePackError(string Code, string Message) : Error(Code, Message)
{
    /// <summary>The text is not valid JSON or not a pack object.</summary>
    /// <param name="Detail">Parser message.</param>
    public sealed record Malformed(string Detail) : RulePackError("rules.malformed", $"The rule pack is not valid JSON in the expected shape: {Detail}");

    /// <summary>A rule (or the pack) has no source: rules without provenance are never loaded.</summary>
    /// <param name="RuleId">The rule's id, or the pack id.</param>
    public sealed record SourceMissing(string RuleId)
        : RulePackError("rules.source_missing", $"Rule '{RuleId}' has no source. Every rule must say where it comes from (URL, commit or curating team) and its licence.");

    /// <summary>A rule (or the pack) has no licence.</summary>
    /// <param name="RuleId">The rule's id, or the pack id.</param>
    public sealed record LicenceMissing(string RuleId)
        : RulePackError("rules.licence_missing", $"Rule '{RuleId}' has no licence. Say under which licence the rule data may be used.");

    /// <summary>A required field is missing or has the wrong type or value.</summary>
    /// <param name="RuleId">The rule's id (or its index when the id is missing).</param>
    /// <param name="Field">The field.</param>
    /// <param name="Detail">What is wrong.</param>
    public sealed record InvalidField(string RuleId, string Field, string Detail)
        : RulePackError("rules.invalid_field", $"Rule '{RuleId}', field '{Field}': {Detail}");

    /// <summary>Two rules share an id.</summary>
    /// <param name="RuleId">The repeated id.</param>
    public sealed record DuplicateId(string RuleId) : RulePackError("rules.duplicate_id", $"Rule id '{RuleId}' is used twice in the pack.");

    /// <summary>An embedded pack of that name does not exist.</summary>
    /// <param name="Name">The name asked for.</param>
    public sealed record UnknownPack(string Name) : RulePackError("rules.unknown_pack", string.Create(CultureInfo.InvariantCulture, $"No built-in rule pack is called '{Name}'."));
}
