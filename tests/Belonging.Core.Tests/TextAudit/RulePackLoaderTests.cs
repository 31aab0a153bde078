using Belonging.Core.TextAudit;

namespace Belonging.Core.Tests.TextAudit;

public sealed class RulePackLoaderTests
{
    private const string ValidRule = """
        { "id": "manpower", "category": "gendered", "severity": "warning", "patterns": ["manpower"],
          "explanation": "x", "suggestions": ["staffing"], "source": "https://example.org/guide", "licence": "MIT" }
        """;

    private static string Pack(string rules, string packSource = "\"source\": \"team\", \"licence\": \"MIT\",") =>
        $$"""{ "id": "org-en", "language": "en", {{packSource}} "rules": [ {{rules}} ] }""";

    [Fact]
    public void Load_ValidPack_ReadsRule()
    {
        var result = RulePackLoader.Load(Pack(ValidRule));
        Assert.True(result.IsSuccess, result.Error?.Message);
        var rule = Assert.Single(result.Value.Rules);
        Assert.Equal(("manpower", AuditCategory.Gendered, AuditSeverity.Warning, "https://example.org/guide", "MIT"), (rule.Id, rule.Category, rule.Severity, rule.Source, rule.Licence));
    }

    [Theory]
    [InlineData(""" "source": "", """)]
    [InlineData(""" "source": "   ", """)]
    [InlineData("")]
    public void Load_RuleWithoutSource_RefusedWithTypedError(string sourceField)
    {
        var rule = $$"""{ "id": "chairman", "category": "gendered", "patterns": ["chairman"], "explanation": "x", {{sourceField}} "licence": "MIT" }""";
        var result = RulePackLoader.Load(Pack(ValidRule + "," + rule));
        Assert.False(result.IsSuccess);
        var error = Assert.IsType<RulePackError.SourceMissing>(result.Error);
        Assert.Equal("chairman", error.RuleId);
        Assert.Equal("rules.source_missing", error.Code);
    }

    [Fact]
    public void Load_PackWithoutSource_Refused() =>
        Assert.IsType<RulePackError.SourceMissing>(RulePackLoader.Load(Pack(ValidRule, "\"licence\": \"MIT\",")).Error);

    [Fact]
    public void Load_RuleWithoutLicence_Refused()
    {
        var rule = """{ "id": "r", "category": "gendered", "patterns": ["x"], "explanation": "x", "source": "s" }""";
        Assert.IsType<RulePackError.LicenceMissing>(RulePackLoader.Load(Pack(rule)).Error);
    }

    [Theory]
    [InlineData("""{ "id": "r", "category": "nonsense", "patterns": ["x"], "explanation": "x", "source": "s", "licence": "MIT" }""", "category")]
    [InlineData("""{ "id": "r", "category": "age", "severity": "fatal", "patterns": ["x"], "explanation": "x", "source": "s", "licence": "MIT" }""", "severity")]
    [InlineData("""{ "id": "r", "category": "age", "patterns": [], "explanation": "x", "source": "s", "licence": "MIT" }""", "patterns")]
    [InlineData("""{ "id": "r", "category": "age", "patterns": ["* lbs"], "explanation": "x", "source": "s", "licence": "MIT" }""", "patterns")]
    [InlineData("""{ "id": "r", "category": "age", "patterns": ["x"], "explanation": "x", "source": "s", "licence": "MIT", "notFollowedBy": "(" }""", "notFollowedBy")]
    [InlineData("""{ "id": "r", "category": "age", "patterns": ["x"], "source": "s", "licence": "MIT" }""", "explanation")]
    public void Load_InvalidField_NamesTheField(string rule, string field)
    {
        var error = Assert.IsType<RulePackError.InvalidField>(RulePackLoader.Load(Pack(rule)).Error);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Load_DuplicateIds_Refused() =>
        Assert.IsType<RulePackError.DuplicateId>(RulePackLoader.Load(Pack(ValidRule + "," + ValidRule)).Error);

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2]")]
    public void Load_Malformed_Refused(string json) => Assert.IsType<RulePackError.Malformed>(RulePackLoader.Load(json).Error);

    [Fact]
    public void Load_Stream_SameAsString()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Pack(ValidRule)));
        Assert.Equal("manpower", Assert.Single(RulePackLoader.Load(stream).Value.Rules).Id);
    }

    [Fact]
    public void BuiltInPacks_AllLoad_EveryRuleHasSourceAndLicence()
    {
        Assert.Equal(["hr-en", "plain-en", "retext-equality-en"], RulePackLoader.BuiltInPackNames);
        foreach (var name in RulePackLoader.BuiltInPackNames)
        {
            var pack = RulePackLoader.LoadBuiltIn(name);
            Assert.True(pack.IsSuccess, pack.Error?.Message);
            Assert.All(pack.Value.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Source) || string.IsNullOrWhiteSpace(r.Licence)));
        }
    }

    [Fact]
    public void RetextEqualityPack_HasEveryUpstreamPattern()
    {
        // shared/reference-data README: 425 patterns (gender 257, ablist 79, race 45, lgbtq 24, condescending 9, suicide 6, misc 2, press 2, slogans 1).
        var pack = RulePackLoader.LoadBuiltIn("retext-equality-en").Value;
        Assert.Equal(425, pack.Rules.Count);
        var byCategory = pack.Rules.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(257, byCategory[AuditCategory.Gendered]);
        Assert.Equal(79 + 6, byCategory[AuditCategory.Ableist]);
        Assert.Equal(45 + 2, byCategory[AuditCategory.Racial]);
        Assert.All(pack.Rules, r => Assert.StartsWith("https://github.com/retextjs/retext-equality/blob/192deddf13bc2823540b0d9a0a6e17fb6d995bcd/data/en/", r.Source, StringComparison.Ordinal));
        Assert.All(pack.Rules.Where(r => !r.Enabled), r => Assert.False(string.IsNullOrWhiteSpace(r.DisabledReason)));
    }

    [Fact]
    public void LoadBuiltIn_UnknownName_TypedError() =>
        Assert.IsType<RulePackError.UnknownPack>(RulePackLoader.LoadBuiltIn("xx-zz").Error);
}
