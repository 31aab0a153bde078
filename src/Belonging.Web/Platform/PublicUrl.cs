using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Belonging.Web.Platform;

/// <summary>Bound from the "Belonging" section; validated on start.</summary>
public sealed class PublicUrlOptions
{
    /// <summary>
    /// Where people reach this instance, e.g. <c>https://belonging.example.org</c> (a path base such as
    /// <c>https://example.org/belonging</c> is allowed). Every survey and set-password link starts with it; the request's
    /// Host header is never used. Required in Production, where it must be https.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// The fixed public base URL every link is built from. Outside Production without a configured URL, the server's own
/// first listening address is used (what <c>dotnet run</c> prints), never anything a request says.
/// </summary>
internal sealed class PublicUrl(IOptions<PublicUrlOptions> options, IServer server)
{
    public const string Section = "Belonging";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl);

    /// <summary>The base, without a trailing slash.</summary>
    public string Base
    {
        get
        {
            if (IsConfigured)
            {
                return options.Value.PublicBaseUrl!.TrimEnd('/');
            }

            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
            return address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    /// <summary>An absolute link to a path of this instance (<paramref name="pathAndQuery"/> starts with '/').</summary>
    public string Link(string pathAndQuery) => Base + pathAndQuery;

    /// <summary>
    /// The origin that state-changing requests must come from: the configured base URL's, or (not configured, outside
    /// Production) the request's own scheme and host — the victim's browser sets those, so an attacker cannot.
    /// </summary>
    public string Origin(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!IsConfigured)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{http.Request.Scheme}://{http.Request.Host}");
        }

        var uri = new Uri(Base);
        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Why a configured value is unusable, or null when it is fine.</summary>
    public static string? Problem(string? value, bool production)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return production
                ? "Belonging:PublicBaseUrl is required in Production (environment variable Belonging__PublicBaseUrl), e.g. https://belonging.example.org: every survey and set-password link is built from it, never from the request's Host header."
                : null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"Belonging:PublicBaseUrl '{value}' is not an absolute http(s) URL without query, e.g. https://belonging.example.org.";
        }

        return production && uri.Scheme != Uri.UriSchemeHttps
            ? $"Belonging:PublicBaseUrl '{value}' must be https in Production: links carry single-use tokens."
            : null;
    }
}
