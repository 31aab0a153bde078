using System.Net;
using System.Security.Claims;
using Belonging.Core;
using Belonging.Core.Accounts;
using Belonging.Data;
using Belonging.Data.Accounts;
using Belonging.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Features.Accounts;

/// <summary>
/// Sign-in, sign-out and password changes, shared by the pages and the API. Every failure of a password check costs one
/// hash verification (a dummy one for unknown e-mails), so the answer time does not tell whether an account exists.
/// </summary>
internal sealed class AccountSignIn(AppDbContext db, IPasswordHasher<Account> hasher, SignInThrottle throttle, TimeProvider clock, ILogger<AccountSignIn> logger)
{
    private static readonly Account Dummy = new("dummy@invalid", "dummy", "", Role.Employee, null);

    // A hash of a random password, made once per process: verifying against it costs what a real verification costs.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<Account>().HashPassword(Dummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>Checks the e-mail and password against accounts, per-account lockout and per-address throttling.</summary>
    public async Task<Result<Account>> CheckAsync(string email, string password, IPAddress? address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = clock.GetUtcNow().UtcDateTime;
        var normalised = email.Trim().ToLowerInvariant();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == normalised, ct);
        var unknown = account is null || !account.HasPassword ? normalised : null;
        if (throttle.IsLocked(address, unknown) || (account is not null && account.IsLockedAt(now)))
        {
            Verify(null, password);
            AccountsLog.Throttled(logger);
            return new AccountError.LockedOut(now + SignInThrottle.Lockout);
        }

        if (Verify(unknown is null ? account : null, password))
        {
            account!.SignInSucceeded();
            await db.SaveChangesAsync(ct);
            return account;
        }

        throttle.Failed(address, unknown);
        if (unknown is null)
        {
            account!.SignInFailed(now, SignInThrottle.AccountLimit, SignInThrottle.Lockout);
            await db.SaveChangesAsync(ct);
            if (account.IsLockedAt(now))
            {
                AccountsLog.LockedOut(logger, account.Id, account.LockedUntil!.Value);
                return new AccountError.LockedOut(account.LockedUntil!.Value);
            }
        }
        else if (throttle.IsLocked(null, unknown))
        {
            return new AccountError.LockedOut(now + SignInThrottle.Lockout);
        }

        return new AccountError.BadCredentials();
    }

    /// <summary>Stores a new server-side session for the account and sets the auth cookie that names it.</summary>
    public async Task SignInAsync(HttpContext http, Account account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(account);
        var session = new AccountSession(account.Id, clock.GetUtcNow().UtcDateTime);
        db.AccountSessions.Add(session);
        await db.SaveChangesAsync(ct);
        var principal = Auth.Principal(account, session.Id);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal;
    }

    /// <summary>Ends this cookie's session on the server (the cookie stops working everywhere it was copied) and clears it.</summary>
    public async Task SignOutAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Auth.SessionOf(http.User) is { } session)
        {
            await db.AccountSessions.Where(s => s.Id == session).ExecuteDeleteAsync(ct);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Changes the signed-in account's password after checking the current one and the policy; ends every session of the
    /// account (other browsers and copied cookies stop working) and signs this browser in again with a new one.
    /// </summary>
    public async Task<Result<Account>> ChangePasswordAsync(HttpContext http, string? current, string? replacement, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var id = Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : Guid.Empty;
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
        {
            return new Belonging.Core.NotFound("account", id.ToString());
        }

        if (!Verify(account, current ?? ""))
        {
            return new AccountError.WrongCurrentPassword();
        }

        var problems = PasswordPolicy.Check(replacement, account.Email);
        if (problems.Count > 0)
        {
            return new AccountError.WeakPassword("newPassword", problems);
        }

        account.SetPasswordHash(hasher.HashPassword(account, replacement!));
        account.SignInSucceeded();
        await db.SaveChangesAsync(ct);
        await db.AccountSessions.Where(s => s.AccountId == account.Id).ExecuteDeleteAsync(ct);
        await SignInAsync(http, account, ct);
        AccountsLog.PasswordChanged(logger, account.Id);
        return account;
    }

    /// <summary>Sets the password from a one-time link after the policy check; the link is spent in the same transaction.</summary>
    public async Task<Result<Account>> SetPasswordAsync(string? token, string? password, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await AccountSetup.FindBySetupTokenAsync(db, token, now, ct);
        if (!found.IsSuccess)
        {
            return found;
        }

        var problems = PasswordPolicy.Check(password, found.Value.Email);
        if (problems.Count > 0)
        {
            return new AccountError.WeakPassword("password", problems);
        }

        var set = await AccountSetup.RedeemSetupTokenAsync(db, token, a => hasher.HashPassword(a, password!), now, ct);
        if (set.IsSuccess)
        {
            AccountsLog.PasswordSet(logger, set.Value.Id);
        }

        return set;
    }

    private bool Verify(Account? account, string password)
    {
        if (account is null || !account.HasPassword)
        {
            _ = hasher.VerifyHashedPassword(Dummy, DummyHash.Value, password);
            return false;
        }

        return hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}
