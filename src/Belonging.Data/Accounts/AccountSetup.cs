using Belonging.Core;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Accounts;

/// <summary>Creating accounts without a password and redeeming their one-time set-password links (the CLI and the web host both run these).</summary>
public static class AccountSetup
{
    /// <summary>The path of the set-password page; a link is the public base URL + this + the token.</summary>
    public const string SetPasswordPath = "/account/set-password?token=";

    /// <summary>Creates an organisation admin with no password and issues a set-password token for it (stored hashed, valid 24 h, single use).</summary>
    public static async Task<Result<(Account Account, string Token)>> CreateAdminAsync(AppDbContext db, string email, string? displayName, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);
        var normalised = email.Trim().ToLowerInvariant();
        var at = normalised.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == normalised.Length - 1 || normalised.Contains(' ', StringComparison.Ordinal) || normalised.Length > 320)
        {
            return new AccountError.InvalidEmail(email);
        }

        if (await db.Accounts.AnyAsync(a => a.Email == normalised, ct))
        {
            return new AccountError.EmailTaken(normalised);
        }

        var account = new Account(normalised, string.IsNullOrWhiteSpace(displayName) ? normalised : displayName.Trim(), "", Role.Admin, null);
        var (row, token) = PasswordSetupToken.Issue(account.Id, nowUtc);
        db.Accounts.Add(account);
        db.PasswordSetupTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return (account, token);
    }

    /// <summary>
    /// A password-reset link for the account with <paramref name="email"/>, if there is one: every earlier link of the
    /// account stops working and a new one is issued, valid for <see cref="PasswordSetupToken.ResetLifetime"/>. Null when
    /// no account has that address (the caller answers the same either way).
    /// </summary>
    public static async Task<(Account Account, string Token)?> IssueResetAsync(AppDbContext db, string? email, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalised = (email ?? "").Trim().ToLowerInvariant();
        if (normalised.Length is 0 or > 320)
        {
            return null;
        }

        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == normalised, ct);
        if (account is null)
        {
            return null;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.PasswordSetupTokens.Where(t => t.AccountId == account.Id).ExecuteDeleteAsync(ct);
        var (row, token) = PasswordSetupToken.Issue(account.Id, nowUtc, PasswordSetupToken.ResetLifetime);
        db.PasswordSetupTokens.Add(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (account, token);
    }

    /// <summary>The account a set-password token belongs to, while it is unused and unexpired; otherwise <see cref="AccountError.InvalidSetupLink"/>.</summary>
    public static async Task<Result<Account>> FindBySetupTokenAsync(AppDbContext db, string? token, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new AccountError.InvalidSetupLink();
        }

        var hash = PasswordSetupToken.Hash(token);
        var row = await db.PasswordSetupTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (row is null || nowUtc >= row.ExpiresAt)
        {
            return new AccountError.InvalidSetupLink();
        }

        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == row.AccountId, ct);
        return account is null ? new AccountError.InvalidSetupLink() : account;
    }

    /// <summary>
    /// Spends the token and stores the new hash in one transaction: a second use (even a concurrent one) finds no row
    /// to delete and changes nothing. Every session of the account ends, and any lockout is cleared.
    /// </summary>
    public static async Task<Result<Account>> RedeemSetupTokenAsync(AppDbContext db, string? token, Func<Account, string> hash, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hash);
        var found = await FindBySetupTokenAsync(db, token, nowUtc, ct);
        if (!found.IsSuccess)
        {
            return found;
        }

        var account = found.Value;
        var tokenHash = PasswordSetupToken.Hash(token!);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var spent = await db.PasswordSetupTokens.Where(t => t.TokenHash == tokenHash && t.ExpiresAt > nowUtc).ExecuteDeleteAsync(ct);
        if (spent != 1)
        {
            return new AccountError.InvalidSetupLink();
        }

        account.SetPasswordHash(hash(account));
        account.SignInSucceeded();
        await db.SaveChangesAsync(ct);
        await db.AccountSessions.Where(s => s.AccountId == account.Id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return account;
    }
}
