using Belonging.Core.Privacy;

namespace Belonging.Core.Tests.Privacy;

public sealed class CommentScreeningTests
{
    private static readonly string[] Titles = ["Head of Payroll"];

    private static IdentifyingDetail[] Kinds(string text) => CommentScreening.Screen(text, Titles).Select(w => w.Kind).ToArray();

    [Theory]
    [InlineData("Write to me at sam.lee@acme.example please", IdentifyingDetail.Email)]
    [InlineData("Call +44 20 7946 0958 about it", IdentifyingDetail.Phone)]
    [InlineData("My manager Priya never listens", IdentifyingDetail.Name)]
    [InlineData("Ask \"Okafor\" in payroll", IdentifyingDetail.Name)]
    [InlineData("The head of payroll ignores requests", IdentifyingDetail.JobTitle)]
    [InlineData("As the only wheelchair user on the floor, I struggle", IdentifyingDetail.OnlyOne)]
    [InlineData("I'm the only woman in my team", IdentifyingDetail.OnlyOne)]
    [InlineData("I joined in 2019 and nothing changed", IdentifyingDetail.PersonalNumber)]
    [InlineData("I am 58 and feel overlooked", IdentifyingDetail.PersonalNumber)]
    public void Screen_IdentifyingDetail_Warned(string text, IdentifyingDetail expected) =>
        Assert.Contains(expected, Kinds(text));

    [Theory]
    [InlineData("More time to meet other teams, please.")]
    [InlineData("Alignment on goals would help; we had 3 reorganisations.")]   // capitalised, but it starts the sentence
    [InlineData("We met on Monday in March and HR said no. Nobody followed up.")]
    [InlineData("The new payroll system is slow.")]
    public void Screen_OrdinaryComment_NoWarning(string text) => Assert.Empty(Kinds(text));

    [Fact]
    public void Screen_ReportsSpan()
    {
        const string text = "Ask Okafor about it";
        var w = Assert.Single(CommentScreening.Screen(text, Titles));
        Assert.Equal("Okafor", text.Substring(w.Start, w.Length));
    }

    /// <summary>Issue 10: the warning confirmed whether a name is on the roster. It must not depend on the roster at all.</summary>
    [Theory]
    [InlineData("Priya")]
    [InlineData("Zelda")]
    [InlineData("Ngozi")]
    public void Screen_AnyCapitalisedName_SameWarningWhateverTheName(string name)
    {
        var w = Assert.Single(CommentScreening.Screen($"My manager {name} never listens", []));
        Assert.Equal(new CommentWarning(IdentifyingDetail.Name, 11, 5, "This looks like a name. Comments are shared with leaders: consider describing the role or situation instead."), w);
    }

    [Fact]
    public void Screen_HostileLongInput_CompletesAndIsBounded()
    {
        var text = string.Concat(Enumerable.Repeat("1 2 3 4 5 6 7 8 9 ", 5000));
        var warnings = CommentScreening.Screen(text, Titles);
        Assert.All(warnings, w => Assert.True(w.Start + w.Length <= 10_000));
    }
}
