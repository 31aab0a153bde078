using System.Globalization;
using System.Net.Mail;
using System.Threading.Channels;
using Belonging.Data.Accounts;
using Belonging.Web.Features.Campaigns;
using Microsoft.Extensions.Options;

namespace Belonging.Web.Features.Accounts;

/// <summary>
/// "Forgot your password?": a request names an e-mail address and is queued; the answer is the same whether or not an
/// account has that address, and it is given before anything is looked up, so neither the reply nor its timing tells
/// who has an account. A worker then issues a one-hour, single-use set-password link for the account (if any; earlier
/// links stop working) and mails it to that address only.
/// </summary>
internal sealed class PasswordResetQueue
{
    private readonly Channel<(string Email, string LinkBase)> channel =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>The answer every request gets (when mail is set up).</summary>
    public const string Answer = "If an account uses this address, a link to set a new password is on its way to it. The link works once, for one hour. Nothing arrived? Check the address, and your spam folder.";

    public ChannelReader<(string Email, string LinkBase)> Reader => channel.Reader;

    /// <summary>Queues a request (dropped silently when a flood has filled the queue: the rate limit stops floods first).</summary>
    public void Enqueue(string email, string linkBase) => channel.Writer.TryWrite((email, linkBase));
}

/// <summary>Issues and mails the reset links queued by <see cref="PasswordResetQueue"/>.</summary>
internal sealed partial class PasswordResetWorker(
    PasswordResetQueue queue, IServiceScopeFactory scopes, IOptions<SmtpOptions> smtp, TimeProvider clock, ILogger<PasswordResetWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (email, linkBase) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
                if (await AccountSetup.IssueResetAsync(db, email, clock.GetUtcNow().UtcDateTime, stoppingToken) is { } issued)
                {
                    await SendAsync(issued.Account, linkBase + AccountSetup.SetPasswordPath + issued.Token, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is SmtpException or FormatException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or IOException)
            {
                Failed(logger, ex.GetType().Name);
            }
        }
    }

    private async Task SendAsync(Account account, string link, CancellationToken ct)
    {
        var o = smtp.Value;
        using var client = o.NewClient();

        using var message = new MailMessage(o.From, account.Email)
        {
            Subject = "Set a new password for Belonging",
            Body = string.Create(CultureInfo.InvariantCulture, $"""
                Hello {account.DisplayName},

                Someone (we hope you) asked to set a new password for your Belonging account. Open this link to choose one:

                {link}

                It works once, for one hour. If you did not ask, ignore this message: your password stays as it is.
                """).ReplaceLineEndings("\r\n"),
        };
        await client.SendMailAsync(message, ct);
        Sent(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A password-reset link was mailed")]
    private static partial void Sent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password-reset request could not be completed ({Reason})")]
    private static partial void Failed(ILogger logger, string reason);
}
