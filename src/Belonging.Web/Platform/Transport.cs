using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Belonging.Web.Platform;

/// <summary>Bound from the "ForwardedHeaders" section: which TLS-terminating proxies may say what the client's address and scheme were.</summary>
public sealed class ProxyOptions
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>. Loopback is always trusted.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];
}

/// <summary>
/// Transport security: forwarded headers from known proxies only, HSTS in Production, AllowedHosts required in
/// Production, the fixed public base URL, and the security headers every response carries (CSP without
/// <c>unsafe-inline</c>, nosniff, no referrer, no framing).
/// </summary>
internal static class Transport
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static WebApplicationBuilder AddTransport(this WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<PublicUrlOptions>().Bind(builder.Configuration.GetSection(PublicUrl.Section))
            .Validate(o => PublicUrl.Problem(o.PublicBaseUrl, production) is null, PublicUrl.Problem(builder.Configuration[$"{PublicUrl.Section}:PublicBaseUrl"], production) ?? "Belonging:PublicBaseUrl is not valid.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicUrl>();

        if (production)
        {
            // AllowedHosts defaults to the public base URL's host; "*" (any Host header) is refused at start.
            var hosts = builder.Configuration["AllowedHosts"];
            if (string.IsNullOrWhiteSpace(hosts) && Uri.TryCreate(builder.Configuration[$"{PublicUrl.Section}:PublicBaseUrl"], UriKind.Absolute, out var uri))
            {
                builder.Configuration["AllowedHosts"] = uri.Host;
            }
            else if (hosts is not null && hosts.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains("*"))
            {
                throw new InvalidOperationException("AllowedHosts is '*' in Production: set it to this instance's host names (e.g. AllowedHosts=belonging.example.org), or leave it unset to use the host of Belonging:PublicBaseUrl.");
            }

            // Plain http reaching the app directly (not through a known proxy) is sent to https: the __Host- cookies
            // and antiforgery need TLS.
            builder.Services.AddHttpsRedirection(o =>
            {
                o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
                o.HttpsPort = Uri.TryCreate(builder.Configuration[$"{PublicUrl.Section}:PublicBaseUrl"], UriKind.Absolute, out var publicUri) && publicUri.Scheme == Uri.UriSchemeHttps ? publicUri.Port : 443;
            });
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = false;
            });
        }

        var proxies = new ProxyOptions();
        builder.Configuration.GetSection("ForwardedHeaders").Bind(proxies);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            foreach (var p in proxies.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(p));
            }

            foreach (var n in proxies.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: the scheme and client address are right before anything reads them.</summary>
    public static WebApplication UseTransport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // Survey and set-password links carry their token in the URL: no referrer ever goes to another site.
            // (Not "no-referrer": with it browsers send "Origin: null" on the site's own form posts.)
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            // Scalar (Development only) needs inline script; every page of the product does not.
            if (!http.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return next(http);
        });
        return app;
    }
}
