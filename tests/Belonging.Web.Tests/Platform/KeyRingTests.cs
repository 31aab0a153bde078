using System.Security.Cryptography;
using Belonging.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Belonging.Web.Tests.Platform;

/// <summary>
/// Issue 10, persisted keys: the keys behind sign-in cookies and antiforgery tokens live in a directory, so a restart
/// or a second instance with the same directory reads what the first one protected, and another directory cannot.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string shared = Path.Combine(Path.GetTempPath(), "belonging-tests", "keyring-" + Ids.New().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(shared))
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    private static IDataProtector Protector(TestApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Belonging.KeyRingTests");

    [Fact]
    public async Task Restart_SameKeyDirectory_ReadsWhatTheFirstInstanceProtected()
    {
        var settings = new Dictionary<string, string> { ["DataProtection:KeyDirectory"] = shared };
        string secret;
        await using (var first = new TestApp(DatabaseProvider.Sqlite, settings))
        {
            await first.InitialiseAsync();
            secret = Protector(first).Protect("session 42");
        }

        Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
        await using var second = new TestApp(DatabaseProvider.Sqlite, settings);
        await second.InitialiseAsync();
        Assert.Equal("session 42", Protector(second).Unprotect(secret));

        await using var other = new TestApp(DatabaseProvider.Sqlite);
        await other.InitialiseAsync();
        Assert.ThrowsAny<CryptographicException>(() => Protector(other).Unprotect(secret));
    }
}
