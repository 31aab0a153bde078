namespace Belonging.Data.Accounts;

/// <summary>
/// One signed-in browser or client. The auth cookie carries only this row's id; a cookie whose row is gone is refused,
/// so signing out (one row) and changing the password (all rows of the account) end sessions on the server, not just
/// in the browser that asked.
/// </summary>
public sealed class AccountSession
{
    private AccountSession()
    {
    }

    public AccountSession(Guid accountId, DateTime createdAtUtc)
    {
        Id = Ids.New();
        AccountId = accountId;
        CreatedAt = createdAtUtc;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
