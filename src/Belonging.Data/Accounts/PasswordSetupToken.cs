using System.Security.Cryptography;
using System.Text;

namespace Belonging.Data.Accounts;

/// <summary>
/// A one-time set-password link for an account (first admin, or a new account). Only the SHA-256 of the token is
/// stored; it works once and until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class PasswordSetupToken
{
    private PasswordSetupToken()
    {
    }

    private PasswordSetupToken(Guid accountId, byte[] tokenHash, DateTime expiresAtUtc)
    {
        Id = Ids.New();
        AccountId = accountId;
        TokenHash = tokenHash;
        ExpiresAt = expiresAtUtc;
    }

    /// <summary>How long a set-password link for a new account works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>How long a password-reset link works (it is sent to a mailbox on request, so it is kept short).</summary>
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public byte[] TokenHash { get; private set; } = [];

    public DateTime ExpiresAt { get; private set; }

    /// <summary>A new token for the account: 256 bits from the CSPRNG (URL-safe base64) and the row that stores its hash.</summary>
    public static (PasswordSetupToken Row, string Token) Issue(Guid accountId, DateTime nowUtc) => Issue(accountId, nowUtc, Lifetime);

    /// <summary>As <see cref="Issue(Guid, DateTime)"/>, valid for <paramref name="lifetime"/>.</summary>
    public static (PasswordSetupToken Row, string Token) Issue(Guid accountId, DateTime nowUtc, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new PasswordSetupToken(accountId, Hash(token), nowUtc + lifetime), token);
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
