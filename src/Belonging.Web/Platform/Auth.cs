using System.Security.Claims;
using Belonging.Data;
using Belonging.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Platform;

/// <summary>
/// Cookie login with three roles; authorisation policies by role; leaders are scoped to an org subtree by a claim.
/// Every cookie names a server-side session (<see cref="AccountSession"/>), checked on each request: a cookie whose
/// session was ended (sign-out, password change) is refused even though it has not expired.
/// </summary>
internal static class Auth
{
    public const string Admin = "admin";
    public const string LeaderOrAdmin = "leader-or-admin";
    public const string ScopeClaim = "belonging:scope-unit";
    public const string SessionClaim = "belonging:session";

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        // Production runs behind TLS (directly or through a proxy, see Transport): the cookie is __Host- prefixed (Secure,
        // Path=/, no Domain, so a sibling subdomain cannot set or overwrite it). Development and tests run on plain http.
        var production = builder.Environment.IsProduction();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = production ? "__Host-belonging.auth" : "belonging.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Cookie.Path = "/";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.RequireRole(nameof(Role.Admin)))
            .AddPolicy(LeaderOrAdmin, p => p.RequireRole(nameof(Role.Admin), nameof(Role.Leader)));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var db = ctx.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        if (SessionOf(ctx.Principal) is not { } session
            || !await db.AccountSessions.AsNoTracking().AnyAsync(s => s.Id == session, ctx.HttpContext.RequestAborted))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
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

    public static ClaimsPrincipal Principal(Account account, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Email, account.Email),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(SessionClaim, sessionId.ToString()),
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

    public static Guid? SessionOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(SessionClaim), out var id) ? id : null;
}
