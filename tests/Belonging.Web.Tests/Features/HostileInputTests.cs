using System.Net;
using System.Text;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using CsCheck;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>Random and hostile request bodies never produce a 500 and never change stored data.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly TestApp app = new(DatabaseProvider.Sqlite);

    public async ValueTask InitializeAsync() => await app.InitialiseAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static readonly string[] Endpoints = ["/api/campaigns", "/api/instruments", "/api/account/login", "/api/answers/some-token"];

    private static readonly Gen<string> Bodies = Gen.OneOf(
        Gen.String,
        Gen.Const("{\"name\": null, \"items\": [null, 1, \"x\"]}"),
        Gen.Const("{\"key\": \"a\", \"name\": \"b\", \"items\": [{\"code\": \"'; DROP TABLE People;--\", \"text\": \"<script>alert(1)</script>\", \"scale\": \"Agreement5\"}]}"),
        Gen.Const("{\"opensOn\": \"not a date\", \"closesOn\": \"2026-02-30\", \"k\": 99999999999}"),
        Gen.Const("{\"answers\": {\"Q1\": \"\\u0000\\uFFFF\"}}"),
        Gen.Const("[" + new string('[', 5000) + new string(']', 5000) + "]"),
        Gen.Int.Select(i => "{\"k\": " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));

    [Fact]
    public async Task AnyBody_NeverServerErrorAndNothingStored()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var samples = Gen.Select(Gen.Int[0, Endpoints.Length - 1], Bodies).Array[60].Single();
        foreach (var (endpoint, body) in samples)
        {
            var response = await admin.PostAsync(Endpoints[endpoint], new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True((int)response.StatusCode < 500, $"{Endpoints[endpoint]} answered {(int)response.StatusCode} to {body[..Math.Min(body.Length, 80)]}");
        }

        await using var db = app.NewDb();
        Assert.Equal(0, await db.Campaigns.CountAsync());
        Assert.Equal(0, await db.Envelopes.CountAsync());
        Assert.Equal(17, await db.People.CountAsync());
    }

    [Fact]
    public async Task Instrument_HostileText_StoredVerbatimRenderedEscaped()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var created = await admin.PostAsync("/api/instruments", new StringContent(
            "{\"key\":\"hostile\",\"name\":\"<img src=x onerror=alert(1)>\",\"items\":[{\"code\":\"Q1\",\"text\":\"<script>alert('x')</script> I belong\",\"scale\":\"Agreement5\"}]}",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var page = await (await admin.GetAsync("/admin/instruments")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
    }
}
