using Belonging.Data;
using Belonging.Data.Accounts;
using Belonging.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Features.Accounts;

public sealed record SignInRequest(string Email, string Password);

public sealed record AccountInfo(string Email, string DisplayName, string Role, Guid? ScopeUnitId);

internal static class AccountsEndpoints
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        // The logout form posts here from every page (antiforgery-checked: it is a browser form).
        app.MapPost("/logout", (Delegate)SignOutAsync).WithName("SignOutForm").WithSummary("Signs out and returns to the sign-in page.").ExcludeFromDescription();

        var api = app.MapGroup("/api/account").WithTags("Account");
        api.MapPost("/login", SignInAsync).WithName("SignIn").WithSummary("Signs in with e-mail and password; sets the auth cookie.").DisableAntiforgery();
        api.MapPost("/logout", (Delegate)SignOutApiAsync).WithName("SignOut").WithSummary("Signs out.").DisableAntiforgery();
        api.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in account.").RequireAuthorization();
        return app;
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    private static async Task<NoContent> SignOutApiAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<AccountInfo>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, AppDbContext db, IPasswordHasher<Account> hasher, HttpContext http, CancellationToken ct)
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

        var email = request!.Email.Trim().ToLowerInvariant();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == email, ct);
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            return ErrorResults.Problem(new AccountError.BadCredentials(), StatusCodes.Status401Unauthorized);
        }

        await http.SignInAsync(Auth.Principal(account));
        return TypedResults.Ok(new AccountInfo(account.Email, account.DisplayName, account.Role.ToString(), account.ScopeUnitId));
    }

    private static Ok<AccountInfo> Me(HttpContext http) =>
        TypedResults.Ok(new AccountInfo(
            http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "",
            http.User.Identity?.Name ?? "",
            Auth.RoleOf(http.User).ToString(),
            Auth.ScopeOf(http.User)));
}

public abstract record AccountError(string Code, string Message) : Belonging.Core.Error(Code, Message)
{
    public sealed record BadCredentials() : AccountError("account.bad_credentials", "The e-mail or password is not right.");
}
