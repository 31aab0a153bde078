namespace Belonging.Data.Accounts;

/// <summary>What an account may see and do.</summary>
public enum Role
{
    /// <summary>Answers surveys; sees organisation-level results once published.</summary>
    Employee = 0,

    /// <summary>Sees results for their own org subtree.</summary>
    Leader = 1,

    /// <summary>Runs the programme: roster, instruments, campaigns, all results.</summary>
    Admin = 2,
}

/// <summary>A local login. Passwords are stored only as ASP.NET Core Identity v3 hashes (PBKDF2).</summary>
public sealed class Account
{
    private Account()
    {
    }

    public Account(string email, string displayName, string passwordHash, Role role, Guid? scopeUnitId)
    {
        Id = Ids.New();
        Email = email;
        DisplayName = displayName;
        PasswordHash = passwordHash;
        Role = role;
        ScopeUnitId = scopeUnitId;
    }

    public Guid Id { get; private set; }

    public string Email { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public Role Role { get; private set; }

    /// <summary>For leaders: the root of the subtree they may see.</summary>
    public Guid? ScopeUnitId { get; private set; }

    /// <summary>Wrong passwords since the last successful sign-in or lockout.</summary>
    public int FailedSignIns { get; private set; }

    /// <summary>Until when (UTC) sign-in is refused, even with the right password; null when not locked.</summary>
    public DateTime? LockedUntil { get; private set; }

    /// <summary>False for an account created by <c>belonging admin create</c> until its set-password link is used.</summary>
    public bool HasPassword => PasswordHash.Length > 0;

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    /// <summary>True while a lockout runs.</summary>
    public bool IsLockedAt(DateTime nowUtc) => LockedUntil is { } until && nowUtc < until;

    /// <summary>Counts a wrong password; the <paramref name="limit"/>-th in a row locks the account for <paramref name="lockout"/>.</summary>
    public void SignInFailed(DateTime nowUtc, int limit, TimeSpan lockout)
    {
        FailedSignIns++;
        if (FailedSignIns >= limit)
        {
            LockedUntil = nowUtc + lockout;
            FailedSignIns = 0;
        }
    }

    /// <summary>A successful sign-in (or a new password) clears failures and any lockout.</summary>
    public void SignInSucceeded()
    {
        FailedSignIns = 0;
        LockedUntil = null;
    }
}
