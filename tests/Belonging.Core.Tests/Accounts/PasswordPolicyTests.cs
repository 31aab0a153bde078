using Belonging.Core.Accounts;

namespace Belonging.Core.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("lantern orchard gravel minute")]
    [InlineData("Twelve chars")]
    [InlineData("ünïcödé-pässwörd-with-spaces")]
    public void Check_LongUncommonPassword_Accepted(string password) =>
        Assert.Empty(PasswordPolicy.Check(password, "ada@example.org"));

    [Theory]
    [InlineData("", "Enter a password.")]
    [InlineData("short", "Use at least 12 characters (this one has 5).")]
    [InlineData("elevenchars", "Use at least 12 characters (this one has 11).")]
    [InlineData("ada@example.org", "Do not use your e-mail address")]
    [InlineData("ADA@EXAMPLE.ORG", "Do not use your e-mail address")]
    [InlineData("adalovelace99", "Do not use your e-mail address")]
    [InlineData("Password1234", "one of the most common")]
    [InlineData("demo-belonging", "one of the most common")]
    [InlineData("qwerty 123456", "one of the most common")]
    public void Check_BrokenRule_SpecificMessage(string password, string expected)
    {
        var email = password == "adalovelace99" ? "adalovelace99@example.org" : "ada@example.org";
        Assert.Contains(PasswordPolicy.Check(password, email), m => m.StartsWith(expected, StringComparison.Ordinal) || m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TooLong_Refused() =>
        Assert.Contains(PasswordPolicy.Check(new string('x', PasswordPolicy.MaximumLength + 1), "a@b.c"), m => m.Contains("at most 256", StringComparison.Ordinal));

    [Fact]
    public void Check_ShortAndTheEmailLocalPart_ListsBothProblems() =>
        Assert.Equal(2, PasswordPolicy.Check("ada", "ada@example.org").Count);
}
