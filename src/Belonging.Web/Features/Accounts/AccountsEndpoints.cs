using Belonging.Data.Accounts;
using Belonging.Web.Platform;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Belonging.Web.Features.Accounts;

public sealed record SignInRequest(string Email, string Password);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed record PasswordResetRequest(string Email);

public sealed record PasswordResetAnswer(string Message);

public sealed record AccountInfo(string Email, string DisplayName, string Role, Guid? ScopeUnitId);

/// <summary>The antiforgery request token for the signed-in session and the header to send it in with every POST, PUT, PATCH and DELETE.</summary>
public sealed record AntiforgeryToken(string HeaderName, string Token);

internal static class AccountsEndpoints
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddScoped<AccountSignIn>();
        builder.Services.AddSingleton<PasswordResetQueue>();
        builder.Services.AddHostedService<PasswordResetWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        // The sign-out form posts here from every page; it carries the antiforgery token (RequestForgery checks it).
        app.MapPost("/logout", SignOutFormAsync).WithName("SignOutForm").WithSummary("Signs out (ends the session on the server) and returns to the sign-in page.").ExcludeFromDescription();

        var api = app.MapGroup("/api/account").WithTags("Account");
        api.MapPost("/login", SignInAsync).WithName("SignIn")
            .WithSummary("Signs in with e-mail and password; sets the auth cookie. Ten wrong passwords in a row lock the account for 15 minutes.");
        api.MapPost("/logout", SignOutApiAsync).WithName("SignOut").WithSummary("Signs out: the session ends on the server, so copies of the cookie stop working too.");
        api.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in account.").RequireAuthorization();
        api.MapGet("/antiforgery", Antiforgery).WithName("GetAntiforgeryToken")
            .WithSummary("The token to send in the X-CSRF-TOKEN header with every state-changing API request of this session.").RequireAuthorization();
        api.MapPost("/password-reset", RequestResetAsync).WithName("RequestPasswordReset")
            .WithSummary("Mails a one-hour set-password link to the account with this e-mail, if there is one. The answer is the same either way.");
        api.MapPut("/password", ChangePasswordAsync).WithName("ChangePassword")
            .WithSummary("Changes the signed-in account's password; ends every other session of the account.").RequireAuthorization();
        return app;
    }

    private static async Task<RedirectHttpResult> SignOutFormAsync(HttpContext http, AccountSignIn signIn, CancellationToken ct)
    {
        await signIn.SignOutAsync(http, ct);
        return TypedResults.Redirect("/login");
    }

    private static async Task<NoContent> SignOutApiAsync(HttpContext http, AccountSignIn signIn, CancellationToken ct)
    {
        await signIn.SignOutAsync(http, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<AccountInfo>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, AccountSignIn signIn, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.Email))
        {
            errors["email"] = ["Enter your e-mail address."];
        }

        if (string.IsNullOrEmpty(request?.Password))
        {
            errors["password"] = ["Enter your password."];
        }

        if (errors.Count > 0)
        {
            return ErrorResults.Validation(errors);
        }

        var checkedIn = await signIn.CheckAsync(request!.Email, request.Password, http.Connection.RemoteIpAddress, ct);
        if (!checkedIn.IsSuccess)
        {
            return checkedIn.Error is AccountError.LockedOut
                ? ErrorResults.Problem(checkedIn.Error, StatusCodes.Status429TooManyRequests)
                : ErrorResults.Problem(checkedIn.Error!, StatusCodes.Status401Unauthorized);
        }

        var account = checkedIn.Value;
        await signIn.SignInAsync(http, account, ct);
        return TypedResults.Ok(new AccountInfo(account.Email, account.DisplayName, account.Role.ToString(), account.ScopeUnitId));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, AccountSignIn signIn, HttpContext http, CancellationToken ct)
    {
        var changed = await signIn.ChangePasswordAsync(http, request?.CurrentPassword, request?.NewPassword, ct);
        return changed.Error switch
        {
            null => TypedResults.NoContent(),
            AccountError.WeakPassword weak => ErrorResults.Validation(weak.Errors, weak.Message),
            AccountError.WrongCurrentPassword wrong => ErrorResults.Validation(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["currentPassword"] = [wrong.Message] }, wrong.Message),
            var other => ErrorResults.Problem(other, StatusCodes.Status404NotFound),
        };
    }

    private static Results<Accepted<PasswordResetAnswer>, ValidationProblem, ProblemHttpResult> RequestResetAsync(
        PasswordResetRequest request, PasswordResetQueue queue, PublicUrl urls, Microsoft.Extensions.Options.IOptions<Campaigns.SmtpOptions> smtp)
    {
        if (!smtp.Value.IsConfigured)
        {
            return ErrorResults.Problem(new AccountError.ResetByMailUnavailable(), StatusCodes.Status503ServiceUnavailable);
        }

        if (string.IsNullOrWhiteSpace(request?.Email))
        {
            return ErrorResults.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["email"] = ["Enter your e-mail address."] });
        }

        queue.Enqueue(request.Email, urls.Base);
        return TypedResults.Accepted((string?)null, new PasswordResetAnswer(PasswordResetQueue.Answer));
    }

    private static Ok<AntiforgeryToken> Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName!, tokens.RequestToken!));
    }

    private static Ok<AccountInfo> Me(HttpContext http) =>
        TypedResults.Ok(new AccountInfo(
            http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "",
            http.User.Identity?.Name ?? "",
            Auth.RoleOf(http.User).ToString(),
            Auth.ScopeOf(http.User)));
}
