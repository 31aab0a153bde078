using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Belonging.Core.TextAudit;

/// <summary>
/// Reads rule packs from JSON (the format of <c>TextAudit/Packs/*.rules.json</c>, documented in
/// <c>docs/methods/text-audit.md</c>). A pack is refused as a whole, with a <see cref="RulePackError"/>, when any rule lacks
/// a source or a licence, has an unknown category or severity, an empty pattern, an invalid expression or a repeated id.
/// </summary>
public static class RulePackLoader
{
    private const string ResourcePrefix = "Belonging.Core.TextAudit.Packs.";
    private const string ResourceSuffix = ".rules.json";
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Names of the packs built into this assembly (e.g. <c>hr-en</c>, <c>retext-equality-en</c>), sorted ordinally.</summary>
    public static IReadOnlyList<string> BuiltInPackNames { get; } =
        [.. typeof(RulePackLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>Loads a built-in pack by name (see <see cref="BuiltInPackNames"/>).</summary>
    /// <param name="name">Pack name without extension, e.g. <c>hr-en</c>.</param>
    /// <returns>The pack, or <see cref="RulePackError.UnknownPack"/> / any loading error.</returns>
    public static Result<RulePack> LoadBuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = typeof(RulePackLoader).Assembly.GetManifestResourceStream(ResourcePrefix + name + ResourceSuffix);
        return stream is null ? new RulePackError.UnknownPack(name) : Load(stream);
    }

    /// <summary>Loads a pack from a UTF-8 JSON stream supplied by the caller (the stream is read to its end, not closed).</summary>
    /// <param name="json">The stream.</param>
    /// <returns>The pack or the first reason it was refused.</returns>
    public static Result<RulePack> Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return new RulePackError.Malformed(e.Message);
        }
    }

    /// <summary>Loads a pack from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The pack or the first reason it was refused.</returns>
    public static Result<RulePack> Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return new RulePackError.Malformed(e.Message);
        }
    }

    private static JsonDocumentOptions Options => new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    private static Result<RulePack> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new RulePackError.Malformed("the top level must be an object with 'id', 'language', 'source', 'licence' and 'rules'");
        }

        var packId = String(root, "id") ?? "";
        if (packId.Length == 0)
        {
            return new RulePackError.InvalidField("(pack)", "id", "required");
        }

        if (string.IsNullOrWhiteSpace(String(root, "source")))
        {
            return new RulePackError.SourceMissing(packId);
        }

        if (string.IsNullOrWhiteSpace(String(root, "licence")))
        {
            return new RulePackError.LicenceMissing(packId);
        }

        if (!root.TryGetProperty("rules", out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
        {
            return new RulePackError.InvalidField(packId, "rules", "required array");
        }

        var rules = new List<AuditRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in rulesElement.EnumerateArray())
        {
            index++;
            var rule = ReadRule(element, index);
            if (!rule.IsSuccess)
            {
                return rule.Error!;
            }

            if (!ids.Add(rule.Value.Id))
            {
                return new RulePackError.DuplicateId(rule.Value.Id);
            }

            rules.Add(rule.Value);
        }

        return new RulePack(packId, String(root, "language") ?? "en", String(root, "name") ?? packId, String(root, "source")!, String(root, "licence")!, rules);
    }

    private static Result<AuditRule> ReadRule(JsonElement e, int index)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return new RulePackError.InvalidField(index.ToString(CultureInfo.InvariantCulture), "(rule)", "must be an object");
        }

        var id = String(e, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            return new RulePackError.InvalidField($"#{index.ToString(CultureInfo.InvariantCulture)}", "id", "required");
        }

        var source = String(e, "source");
        if (string.IsNullOrWhiteSpace(source))
        {
            return new RulePackError.SourceMissing(id);
        }

        var licence = String(e, "licence");
        if (string.IsNullOrWhiteSpace(licence))
        {
            return new RulePackError.LicenceMissing(id);
        }

        if (!TryCategory(String(e, "category"), out var category))
        {
            return new RulePackError.InvalidField(id, "category", $"unknown category '{String(e, "category")}'");
        }

        var severityText = String(e, "severity") ?? "warning";
        AuditSeverity severity;
        switch (severityText)
        {
            case "info": severity = AuditSeverity.Info; break;
            case "warning": severity = AuditSeverity.Warning; break;
            case "error": severity = AuditSeverity.Error; break;
            default: return new RulePackError.InvalidField(id, "severity", "must be info, warning or error");
        }

        var patterns = Strings(e, "patterns");
        if (patterns.Count == 0 || patterns.Any(p => string.IsNullOrWhiteSpace(p) || p.TrimStart().StartsWith('*')))
        {
            return new RulePackError.InvalidField(id, "patterns", "at least one non-empty pattern is required, and none may start with '*'");
        }

        var explanation = String(e, "explanation");
        if (string.IsNullOrWhiteSpace(explanation))
        {
            return new RulePackError.InvalidField(id, "explanation", "required");
        }

        Regex? notFollowedBy = null, notPrecededBy = null;
        foreach (var (field, assign) in new (string, Action<Regex>)[] { ("notFollowedBy", r => notFollowedBy = r), ("notPrecededBy", r => notPrecededBy = r) })
        {
            var pattern = String(e, field);
            if (pattern is null)
            {
                continue;
            }

            try
            {
                // notPrecededBy is anchored at the end of the text before the match: matching right to left finds it (or not) at once.
                var direction = field == "notPrecededBy" ? RegexOptions.RightToLeft : RegexOptions.None;
                assign(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | direction, RegexTimeout));
            }
            catch (ArgumentException ex)
            {
                return new RulePackError.InvalidField(id, field, ex.Message);
            }
        }

        AntecedentCondition? antecedent = null;
        if (e.TryGetProperty("requiresAntecedent", out var ante) && ante.ValueKind == JsonValueKind.Object)
        {
            var words = Strings(ante, "words");
            var window = ante.TryGetProperty("window", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetInt32() : 40;
            if (words.Count == 0 || window is < 1 or > 500)
            {
                return new RulePackError.InvalidField(id, "requiresAntecedent", "needs 'words' and a 'window' between 1 and 500");
            }

            antecedent = new AntecedentCondition(words.Select(x => x.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal), window);
        }

        return new AuditRule(id, category, severity, patterns, explanation, Strings(e, "suggestions"), source, licence)
        {
            Enabled = !e.TryGetProperty("enabled", out var en) || en.ValueKind != JsonValueKind.False,
            DisabledReason = String(e, "disabledReason"),
            PairedFormsAllowed = e.TryGetProperty("pairedFormsAllowed", out var pf) && pf.ValueKind == JsonValueKind.True,
            SkipProperNouns = e.TryGetProperty("skipProperNouns", out var sp) && sp.ValueKind == JsonValueKind.True,
            NotFollowedBy = notFollowedBy,
            NotPrecededBy = notPrecededBy,
            UnlessDocumentMentions = Strings(e, "unlessDocumentMentions"),
            RequiresAntecedent = antecedent,
            References = Strings(e, "references"),
        };
    }

    private static bool TryCategory(string? text, out AuditCategory category)
    {
        category = text switch
        {
            "gendered" => AuditCategory.Gendered,
            "ableist" => AuditCategory.Ableist,
            "racial" => AuditCategory.Racial,
            "lgbtq" => AuditCategory.Lgbtq,
            "age" => AuditCategory.Age,
            "condescending" => AuditCategory.Condescending,
            "exclusionary-requirement" => AuditCategory.ExclusionaryRequirement,
            "non-inclusive-benefit" => AuditCategory.NonInclusiveBenefit,
            "accessibility" => AuditCategory.Accessibility,
            "profanity" => AuditCategory.Profanity,
            "exclusionary" => AuditCategory.Exclusionary,
            _ => 0,
        };
        return category != 0;
    }

    /// <summary>The JSON spelling of a category (the inverse of what the loader accepts).</summary>
    /// <param name="category">The category.</param>
    /// <returns>E.g. <c>exclusionary-requirement</c>.</returns>
    public static string CategoryName(AuditCategory category) => category switch
    {
        AuditCategory.Gendered => "gendered",
        AuditCategory.Ableist => "ableist",
        AuditCategory.Racial => "racial",
        AuditCategory.Lgbtq => "lgbtq",
        AuditCategory.Age => "age",
        AuditCategory.Condescending => "condescending",
        AuditCategory.ExclusionaryRequirement => "exclusionary-requirement",
        AuditCategory.NonInclusiveBenefit => "non-inclusive-benefit",
        AuditCategory.Accessibility => "accessibility",
        AuditCategory.Profanity => "profanity",
        AuditCategory.Exclusionary => "exclusionary",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!];
        }

        return v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];
    }
}
