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

    public void SetPasswordHash(string hash) => PasswordHash = hash;
}
