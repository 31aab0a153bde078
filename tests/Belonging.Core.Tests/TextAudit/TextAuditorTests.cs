using Belonging.Core.TextAudit;

namespace Belonging.Core.Tests.TextAudit;

public sealed class TextAuditorTests
{
    private static readonly TextAuditor Auditor = TextAuditor.CreateDefault();

    private static IReadOnlyList<AuditFinding> Audit(string text, TextKind kind = TextKind.PlainText) => Auditor.Audit(text, "policy.md", kind);

    // Issue 6, "examples that must be flagged".
    [Theory]
    [InlineData("Each employee must record his hours every week.", "his", "generic-pronoun")]
    [InlineData("If a candidate is shortlisted, he will be invited to interview.", "he", "generic-pronoun")]
    [InlineData("Manpower planning is reviewed twice a year.", "Manpower", "manpower")]
    [InlineData("The report goes to the chairman of the board.", "chairman", "chairman-title")]
    [InlineData("Employees who give birth receive 16 weeks of maternity leave.", "maternity leave", "maternity-only")]
    [InlineData("Office administrator. Must be able to lift 50 lbs.", "lift 50 lbs", "physical-requirement")]
    [InlineData("Applicants must be able to lift 20 kg and type quickly.", "lift 20 kg", "physical-requirement")]
    [InlineData("We are looking for a native English speaker.", "native English speaker", "native-speaker")]
    [InlineData("Join our young and dynamic team!", "young and dynamic", "age-coded")]
    [InlineData("We hire for culture fit above all.", "culture fit", "culture-fit")]
    [InlineData("A bachelor's degree is required for this receptionist role.", "bachelor's degree is required", "degree-required")]
    [InlineData("Guys, please submit your timesheets by Friday.", "Guys", "guys")]
    [InlineData("You will maintain the whitelist for the mail server.", "whitelist", "whitelist")]
    [InlineData("Our culture is crazy fast.", "crazy", "nuts")]
    [InlineData("What the hell happened?", "hell", "profanity")]
    public void Audit_MustFlagExample_Flagged(string text, string flagged, string ruleId)
    {
        var finding = Assert.Single(Audit(text), f => f.Text == flagged);
        Assert.Equal(ruleId, finding.RuleId);
        Assert.NotEmpty(finding.Explanation);
        Assert.False(string.IsNullOrWhiteSpace(finding.Source));
        Assert.False(string.IsNullOrWhiteSpace(finding.Licence));
    }

    // Issue 6, "examples that must not be flagged", plus the same traps in other forms.
    [Theory]
    [InlineData("Applicants need a master's degree in social work.", TextKind.PlainText)]
    [InlineData("A Master of Science or a masters degree in statistics.", TextKind.PlainText)]
    [InlineData("Set `whitelist = true` in the config.", TextKind.Markdown)]
    [InlineData("```\nwhitelist:\n  - blacklist\nmaster: main\n```\n", TextKind.Markdown)]
    [InlineData("See the [guide](https://example.org/blob/master/whitelist.md).", TextKind.Markdown)]
    [InlineData("Configure the mail filter:\n\n    whitelist = [\"hr@example.org\"]\n    master = true\n\nDone.", TextKind.Markdown)]
    [InlineData("<!-- TODO: rename the blacklist -->\nAll good.", TextKind.Markdown)]
    [InlineData("We comply with the \"Americans with Disabilities Act\".", TextKind.PlainText)]
    [InlineData("We comply with the Americans with Disabilities Act and the Pregnancy Discrimination Act.", TextKind.PlainText)]
    [InlineData("Open a shell and say hello; the shellfish are in Hellas.", TextKind.PlainText)]
    [InlineData("Our assessment covers class and mass transit.", TextKind.PlainText)]
    [InlineData("Amber Matz (she/her) and Joe Shindelar (he/him) lead the team.", TextKind.PlainText)]
    [InlineData("Kim Crayton wrote the article; she defines diversity as variety.", TextKind.PlainText)]
    [InlineData("Maternity leave is 16 weeks; paternity and adoption leave are 16 weeks too.", TextKind.PlainText)]
    [InlineData("Warehouse operative: you must be able to lift 20 kg with a forklift assist.", TextKind.PlainText)]
    [InlineData("Educated to degree level or equivalent experience.", TextKind.PlainText)]
    [InlineData("Martin Luther King, Jr. Day and Black Friday are holidays.", TextKind.PlainText)]
    [InlineData("We support team members with mental health issues, physical or mental.", TextKind.PlainText)]
    [InlineData("Bereavement covers in-laws (mother- and father-in-law, brother- and sister-in-law).", TextKind.PlainText)]
    [InlineData("Sick leave covers sexual assault and domestic violence.", TextKind.PlainText)]
    public void Audit_MustNotFlagExample_NoFinding(string text, TextKind kind) => Assert.Empty(Audit(text, kind));

    [Theory]
    [InlineData("If the employee is unable to return, he or she must request an extension.", "he or she")]
    [InlineData("The employee may appeal his or her dismissal.", "his or her")]
    [InlineData("Each applicant must sign, and s/he will receive a copy.", "s/he")]
    [InlineData("The applicant must send him/her a copy.", "him/her")]
    public void Audit_HeOrShe_InfoWithNeutralRewrite(string text, string flagged)
    {
        var finding = Assert.Single(Audit(text));
        Assert.Equal(("he-or-she", AuditSeverity.Info, flagged), (finding.RuleId, finding.Severity, finding.Text));
        Assert.Contains("they", finding.Suggestions);
    }

    [Fact]
    public void Audit_Position_LineColumnAndSpanExact()
    {
        const string text = "# Hiring\n\nWe want a young and dynamic team.\r\nThe chairman signs off.";
        var findings = Audit(text, TextKind.Markdown);
        Assert.Equal(2, findings.Count);
        var age = findings[0];
        Assert.Equal((3, 11, 3, 28), (age.Line, age.Column, age.EndLine, age.EndColumn));
        Assert.Equal("young and dynamic", text.Substring(age.Start, age.Length));
        var chair = findings[1];
        Assert.Equal((4, 5), (chair.Line, chair.Column));
        Assert.Equal("chairman", text.Substring(chair.Start, chair.Length));
        Assert.Equal("policy.md", chair.File);
    }

    [Fact]
    public void Audit_NestedListIndentedFourSpaces_StillAudited()
    {
        var finding = Assert.Single(Audit("- Benefits\n\n    - Maternity leave for mothers\n", TextKind.Markdown));
        Assert.Equal("maternity-only", finding.RuleId);
    }

    [Fact]
    public void Audit_PhraseAcrossLineBreak_Matched()
    {
        var finding = Assert.Single(Audit("a native\nEnglish speaker"));
        Assert.Equal(("native-speaker", 1, 3, 2, 16), (finding.RuleId, finding.Line, finding.Column, finding.EndLine, finding.EndColumn));
    }

    [Fact]
    public void Audit_OverlappingRules_LongerMatchWins()
    {
        // "he" (generic-pronoun) and "he or she" overlap: only the longer, info-level finding remains.
        var finding = Assert.Single(Audit("Every employee knows that he or she may ask."));
        Assert.Equal("he-or-she", finding.RuleId);
    }

    [Fact]
    public void Audit_AllowList_SuppressesPhrase()
    {
        var auditor = TextAuditor.CreateDefault(new AuditOptions { AllowedPhrases = new HashSet<string>(["Chairman"], StringComparer.OrdinalIgnoreCase) });
        Assert.Empty(auditor.Audit("The chairman signs.", "x"));
        Assert.Single(auditor.Audit("Manpower counts.", "x"));
    }

    [Fact]
    public void Audit_DisabledRule_Off_EnabledDefaultOffRule_On()
    {
        var options = new AuditOptions { DisabledRules = new HashSet<string>(["manpower"]), EnabledRules = new HashSet<string>(["just"]) };
        var findings = TextAuditor.CreateDefault(options).Audit("Manpower is just fine.", "x");
        Assert.Equal("just", Assert.Single(findings).RuleId);
        Assert.Equal("manpower", Assert.Single(Audit("Manpower is just fine.")).RuleId);
    }

    [Fact]
    public void Audit_OrganisationPack_CustomRuleRuns()
    {
        var pack = RulePackLoader.Load("""
            { "id": "acme-en", "language": "en", "source": "Acme HR", "licence": "proprietary",
              "rules": [ { "id": "acme-ninja", "category": "exclusionary", "severity": "error", "patterns": ["code warrior"],
                           "explanation": "Say what the job is.", "source": "Acme HR style guide v3", "licence": "proprietary" } ] }
            """).Value;
        var finding = Assert.Single(new TextAuditor([pack]).Audit("Wanted: code warrior.", "ad.txt"));
        Assert.Equal(("acme-en", "acme-ninja", AuditSeverity.Error, "code warrior"), (finding.PackId, finding.RuleId, finding.Severity, finding.Text));
    }

    [Fact]
    public void Audit_Wildcard_MatchesAnyOneWord()
    {
        var finding = Assert.Single(Audit("Data entry clerk: must be able to lift 25 pounds."));
        Assert.Equal("lift 25 pounds", finding.Text);
    }

    [Fact]
    public void Audit_Empty_NoFindings() => Assert.Empty(Audit(""));

    [Fact]
    public void Audit_PerfCorpusSample_FindingsInTextOrderNeverOverlap()
    {
        var text = string.Concat(Enumerable.Repeat("He or she will report to the chairman. Guys, the whitelist is crazy. ", 200));
        var findings = Audit(text);
        Assert.Equal(1000, findings.Count);
        for (var i = 1; i < findings.Count; i++)
        {
            Assert.True(findings[i].Start >= findings[i - 1].Start + findings[i - 1].Length);
        }
    }
}
