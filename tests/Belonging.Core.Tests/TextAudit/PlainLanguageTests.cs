using Belonging.Core.TextAudit;

namespace Belonging.Core.Tests.TextAudit;

public sealed class PlainLanguageTests
{
    [Fact]
    public void Hints_LongSentence_Reported()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 31)) + ".";
        var hint = Assert.Single(PlainLanguage.Hints(sentence + " Short one."), h => h.Kind == PlainLanguageHintKind.LongSentence);
        Assert.Equal((1, 1), (hint.Line, hint.Column));
        Assert.Contains("31 words", hint.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PlainLanguage.Hints(sentence, maxSentenceWords: 31), h => h.Kind == PlainLanguageHintKind.LongSentence);
    }

    [Theory]
    [InlineData("Requests are reviewed by HR.", "are reviewed")]
    [InlineData("The form was not signed.", "was not signed")]
    [InlineData("Pay is withheld until then.", "is withheld")]
    public void Hints_PassiveVoice_Reported(string text, string passive) =>
        Assert.Equal(passive, Assert.Single(PlainLanguage.Hints(text), h => h.Kind == PlainLanguageHintKind.PassiveVoice).Text);

    [Theory]
    [InlineData("HR reviews requests.")]
    [InlineData("You are eligible for leave.")]
    [InlineData("We are open on Mondays.")]
    public void Hints_ActiveOrAdjective_NoPassive(string text) =>
        Assert.DoesNotContain(PlainLanguage.Hints(text), h => h.Kind == PlainLanguageHintKind.PassiveVoice);

    [Fact]
    public void Hints_Jargon_ReportedWithSuggestion()
    {
        var hint = Assert.Single(PlainLanguage.Hints("Leave is granted pursuant to the policy."), h => h.Kind == PlainLanguageHintKind.Jargon);
        Assert.Equal("pursuant to", hint.Text);
        Assert.Contains("under", hint.Suggestions);
    }
}
