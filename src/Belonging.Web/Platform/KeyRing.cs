using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Belonging.Web.Platform;

/// <summary>
/// The keys that sign and encrypt sign-in cookies and antiforgery tokens, kept on disk so that a restart (or a second
/// instance given the same directory) does not sign everyone out or reject every open form. The directory is
/// <c>DataProtection:KeyDirectory</c>, by default <c>data-protection</c> inside the ballot-box key directory
/// (<c>BallotBox:KeyDirectory</c>), which a deployment already keeps private and backed up.
/// </summary>
internal static class KeyRing
{
    public const string ApplicationName = "Belonging";

    public static WebApplicationBuilder AddKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((o, config, logs) =>
        {
            var directory = config["DataProtection:KeyDirectory"] ?? Path.Combine(config["BallotBox:KeyDirectory"] ?? "keys", "data-protection");
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(directory)), logs);
        });
        return builder;
    }
}
