using System.Security.Claims;
using Belonging.Data.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Belonging.Web.Platform;

/// <summary>Cookie login with three roles; authorisation policies by role; leaders are scoped to an org subtree by a claim.</summary>
internal static class Auth
{
    public const string Admin = "admin";
    public const string LeaderOrAdmin = "leader-or-admin";
    public const string ScopeClaim = "belonging:scope-unit";

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "belonging.auth";
                o.Cookie.HttpOnly = true;
                // Strict: the cookie is never sent on cross-site requests, which is what keeps the cookie-authenticated JSON API safe from CSRF.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.RequireRole(nameof(Role.Admin)))
            .AddPolicy(LeaderOrAdmin, p => p.RequireRole(nameof(Role.Admin), nameof(Role.Leader)));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static ClaimsPrincipal Principal(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Email, account.Email),
            new(ClaimTypes.Role, account.Role.ToString()),
        };
        if (account.ScopeUnitId is { } scope)
        {
            claims.Add(new Claim(ScopeClaim, scope.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static Role RoleOf(ClaimsPrincipal user) =>
        user.IsInRole(nameof(Role.Admin)) ? Role.Admin : user.IsInRole(nameof(Role.Leader)) ? Role.Leader : Role.Employee;

    public static Guid? ScopeOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ScopeClaim), out var id) ? id : null;
}
