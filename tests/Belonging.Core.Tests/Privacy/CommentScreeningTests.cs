using Belonging.Core.Privacy;

namespace Belonging.Core.Tests.Privacy;

public sealed class CommentScreeningTests
{
    private static readonly string[] Names = ["Priya", "Okafor", "Al"];
    private static readonly string[] Titles = ["Head of Payroll"];

    private static IdentifyingDetail[] Kinds(string text) => CommentScreening.Screen(text, Names, Titles).Select(w => w.Kind).ToArray();

    [Theory]
    [InlineData("Write to me at sam.lee@acme.example please", IdentifyingDetail.Email)]
    [InlineData("Call +44 20 7946 0958 about it", IdentifyingDetail.Phone)]
    [InlineData("My manager priya never listens", IdentifyingDetail.Name)]
    [InlineData("The head of payroll ignores requests", IdentifyingDetail.JobTitle)]
    [InlineData("As the only wheelchair user on the floor, I struggle", IdentifyingDetail.OnlyOne)]
    [InlineData("I'm the only woman in my team", IdentifyingDetail.OnlyOne)]
    [InlineData("I joined in 2019 and nothing changed", IdentifyingDetail.PersonalNumber)]
    [InlineData("I am 58 and feel overlooked", IdentifyingDetail.PersonalNumber)]
    public void Screen_IdentifyingDetail_Warned(string text, IdentifyingDetail expected) =>
        Assert.Contains(expected, Kinds(text));

    [Theory]
    [InlineData("More time to meet other teams, please.")]
    [InlineData("Alignment on goals would help; we had 3 reorganisations.")]   // "Al" is too short to match, and inside a word anyway
    [InlineData("The new payroll system is slow.")]
    public void Screen_OrdinaryComment_NoWarning(string text) => Assert.Empty(Kinds(text));

    [Fact]
    public void Screen_ReportsSpan()
    {
        const string text = "Ask okafor about it";
        var w = Assert.Single(CommentScreening.Screen(text, Names, Titles));
        Assert.Equal("okafor", text.Substring(w.Start, w.Length));
    }

    [Fact]
    public void Screen_HostileLongInput_CompletesAndIsBounded()
    {
        var text = string.Concat(Enumerable.Repeat("1 2 3 4 5 6 7 8 9 ", 5000));
        var warnings = CommentScreening.Screen(text, Names, Titles);
        Assert.All(warnings, w => Assert.True(w.Start + w.Length <= 10_000));
    }
}
