using Belonging.Core;

namespace Belonging.Data.Accounts;

/// <summary>Expected failures of sign-in, account creation and password setting.</summary>
public abstract record AccountError(string Code, string Message) : Error(Code, Message)
{
    /// <summary>Unknown e-mail and wrong password say exactly this, so the answer does not tell whether an account exists.</summary>
    public sealed record BadCredentials() : AccountError("account.bad_credentials", "The e-mail or password is not right.");

    /// <summary>Too many wrong passwords for this account, or from this address: refused even with the right password until the lockout ends.</summary>
    public sealed record LockedOut(DateTime UntilUtc) : AccountError("account.locked_out", "Too many wrong passwords. Sign-in is paused for 15 minutes; try again later.");

    public sealed record EmailTaken(string Email) : AccountError("account.email_taken", $"An account with the e-mail {Email} already exists.");

    public sealed record InvalidEmail(string Email) : AccountError("account.invalid_email", $"'{Email}' is not an e-mail address like name@example.org.");

    /// <summary>Unknown, used or expired: one message for all three, so a link cannot be probed.</summary>
    public sealed record InvalidSetupLink() : AccountError("account.invalid_setup_link", "This set-password link does not work: it may have been used already, a newer one may have been sent, or it has expired (a reset link after 1 hour, a new account's after 24). Ask for a new one from the sign-in page, or ask an administrator.");

    public sealed record ResetByMailUnavailable() : AccountError("account.reset_unavailable", "Password reset by e-mail is not set up on this server. Ask an administrator to give you a new set-password link.");

    public sealed record WrongCurrentPassword() : AccountError("account.wrong_current_password", "Your current password is not right.");

    /// <summary>The new password breaks the policy; one message per broken rule under the field.</summary>
    public sealed record WeakPassword(string Field, IReadOnlyList<string> Problems) : AccountError("account.weak_password", "Choose a different password."), IFieldErrors
    {
        public IDictionary<string, string[]> Errors => new Dictionary<string, string[]>(StringComparer.Ordinal) { [Field] = [.. Problems] };
    }
}
