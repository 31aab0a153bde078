namespace Belonging.Web.Features.Accounts;

/// <summary>Security events of local accounts, by account id only: never an e-mail address, password or client address.</summary>
internal static partial class AccountsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} locked until {UntilUtc:O} after repeated wrong passwords")]
    public static partial void LockedOut(ILogger logger, Guid accountId, DateTime untilUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in was refused during a lockout (of the account, an unknown e-mail or the client address)")]
    public static partial void Throttled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} changed its password; all its sessions were ended")]
    public static partial void PasswordChanged(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} set its password with a one-time link")]
    public static partial void PasswordSet(ILogger logger, Guid accountId);
}
