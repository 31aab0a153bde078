namespace Belonging.Core.Accounts;

/// <summary>
/// The password rules for local accounts, after NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules, and
/// a check against passwords known to be common or derived from the account itself. No maximum below
/// <see cref="MaximumLength"/>, so pass phrases and password managers work.
/// </summary>
public static class PasswordPolicy
{
    /// <summary>Fewest characters (UTF-16 code units, after nothing is trimmed) a password may have.</summary>
    public const int MinimumLength = 12;

    /// <summary>Most characters accepted; longer input is refused rather than truncated (it only costs hashing time).</summary>
    public const int MaximumLength = 256;

    // The most common passwords of 12 characters or more in public breach corpora (SecLists' 10k most common list,
    // lower-cased), plus this product's own demo password: shorter ones are already refused by length.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567890qwerty", "qwertyuiopasdfgh",
        "qwertyuiop123", "qwerty123456", "qwertyuiopasdfghjkl", "1q2w3e4r5t6y", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv",
        "password1234", "password12345", "password123456", "passwordpassword", "iloveyou1234", "abcdefghijkl",
        "abc123456789", "aaaaaaaaaaaa", "111111111111", "000000000000", "letmein12345", "welcome12345",
        "administrator", "administrator1", "changeme1234", "trustno1trustno1", "demo-belonging", "belonging123",
        "belonging2026", "correcthorsebatterystaple", "zaq12wsxcde3", "asdfghjkl123", "football1234", "baseball1234",
    };

    /// <summary>
    /// Checks a candidate password for an account. Every broken rule gives one message, in the order: empty, too short,
    /// too long, the e-mail address or its local part, a common password (compared case-insensitively, invariant
    /// culture, ignoring spaces).
    /// </summary>
    /// <param name="password">The candidate, exactly as typed (not trimmed).</param>
    /// <param name="email">The account's e-mail address.</param>
    /// <returns>Plain-language messages; empty when the password is acceptable.</returns>
    public static IReadOnlyList<string> Check(string? password, string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (string.IsNullOrEmpty(password))
        {
            return ["Enter a password."];
        }

        var problems = new List<string>();
        if (password.Length < MinimumLength)
        {
            problems.Add($"Use at least {MinimumLength} characters (this one has {password.Length}). A few unrelated words make a strong password that is easy to remember.");
        }

        if (password.Length > MaximumLength)
        {
            problems.Add($"Use at most {MaximumLength} characters.");
        }

        var folded = password.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var address = email.Trim().ToLowerInvariant();
        var local = address.Split('@')[0];
        if (folded == address || (local.Length > 0 && folded == local))
        {
            problems.Add("Do not use your e-mail address (or its first part) as the password.");
        }
        else if (Common.Contains(folded))
        {
            problems.Add("This password is one of the most common ones and is tried first by attackers. Choose another.");
        }

        return problems;
    }
}
