using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Attacker suite for link distribution: an admin must not learn who has or has not answered, nor answer in someone's
/// name (docs/methods/link-distribution.md). Links are e-mailed by the system or exported once at open (logged);
/// re-issues go to one named person or to everyone; used and unused links look alike; participation is a daily figure
/// for groups of at least k.
/// </summary>
public sealed partial class LinkDistributionTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal) { ["Q1"] = "4", ["Q2"] = "4", ["Q3"] = "3" };

    private static Dictionary<string, string> Smtp(SmtpSink sink) => new(StringComparer.Ordinal)
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:EnableSsl"] = "false",
        ["Smtp:From"] = "survey@test.local",
    };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [GeneratedRegex("/s/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();

    [GeneratedRegex("^To: (.+?)\\s*$", RegexOptions.Multiline)]
    private static partial Regex Recipient();

    [GeneratedRegex("opaque-redirect\\?url=[A-Za-z0-9_-]+")]
    private static partial Regex OpaqueRedirect();

    [GeneratedRegex(",\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]+\"")]
    private static partial Regex Antiforgery();

    /// <summary>Creates a draft of the small instrument (k = 5) and returns its id.</summary>
    private static async Task<Guid> DraftAsync(HttpClient admin, string key)
    {
        var instrument = await admin.PostAsJsonAsync("/api/instruments", CampaignJourneyTests.SmallInstrument(key));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Survey " + key, instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k = 5, kComments = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Link token by recipient e-mail, from the messages the sink received after <paramref name="skip"/>.</summary>
    private static Dictionary<string, string> Mailed(SmtpSink smtp, int skip = 0)
    {
        lock (smtp.Messages)
        {
            // Bodies are quoted-printable: undo the soft line breaks, which may fall inside a link.
            return smtp.Messages.Skip(skip).ToDictionary(
                m => Recipient().Match(m).Groups[1].Value,
                m => LinkToken().Match(m.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal)).Groups[1].Value,
                StringComparer.Ordinal);
        }
    }

    private static async Task<int> EnvelopesAsync(TestApp app, Guid campaignId)
    {
        await using var db = app.NewDb();
        return await db.Envelopes.CountAsync(e => e.CampaignId == campaignId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_WithMailServer_SystemSendsEveryLinkAndNoRouteShowsOne(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var smtp = new SmtpSink();
        await using var app = new TestApp(provider, Smtp(smtp));
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await DraftAsync(admin, "mailed");
        Assert.DoesNotContain("download the links", await admin.GetStringAsync($"/admin/campaigns/{campaignId}"), StringComparison.Ordinal);

        var opened = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var text = await opened.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Mail", body.GetProperty("delivery").GetString());
        Assert.Equal(17, body.GetProperty("invited").GetInt32());
        Assert.Equal(17, body.GetProperty("emailed").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("links").ValueKind);
        Assert.DoesNotContain("/s/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@test.local", text, StringComparison.Ordinal);

        // Each invitee got their own working link, and nobody else did.
        var mailed = Mailed(smtp);
        Assert.Equal(Enumerable.Range(1, 17).Select(n => $"person{n}@test.local").Order(StringComparer.Ordinal), mailed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(17, mailed.Values.Distinct(StringComparer.Ordinal).Count());
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/answers/{mailed["person1@test.local"]}")).StatusCode);
        Assert.DoesNotContain("/s/", await admin.GetStringAsync($"/admin/campaigns/{campaignId}"), StringComparison.Ordinal);

        // The distribution log, readable by any signed-in account (the works council), says what and how many — never who.
        using var council = await app.ClientAsAsync(TestOrganisation.Employee);
        var logText = await council.GetStringAsync($"/api/campaigns/{campaignId}/distribution-log");
        var line = Assert.Single(JsonDocument.Parse(logText).RootElement.EnumerateArray());
        Assert.Equal("MailedAtOpen", line.GetProperty("kind").GetString());
        Assert.Equal(17, line.GetProperty("count").GetInt32());
        Assert.Equal("2026-12-01".Length, line.GetProperty("on").GetString()!.Length);
        Assert.DoesNotContain("E0", logText, StringComparison.Ordinal);
        Assert.DoesNotContain("Person", logText, StringComparison.Ordinal);
        Assert.DoesNotContain("@", logText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/campaigns/{campaignId}/distribution-log")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_WithoutMailServer_ExportsOnceAndTheExportIsLogged(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await DraftAsync(admin, "exported");

        var opened = await (await admin.PostAsync($"/api/campaigns/{campaignId}/open", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Export", opened.GetProperty("delivery").GetString());
        Assert.Equal(17, opened.GetProperty("links").GetArrayLength());

        // Never again: a second open is refused without links, and no other route returns them.
        var again = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain("/s/", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains((await admin.PostAsync($"/api/campaigns/{campaignId}/links", null)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });

        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/distribution-log");
        var line = Assert.Single(log.EnumerateArray());
        Assert.Equal(("ExportedAtOpen", 17), (line.GetProperty("kind").GetString(), line.GetProperty("count").GetInt32()));
        var page = await admin.GetStringAsync($"/admin/campaigns/{campaignId}");
        Assert.Contains("Link distribution log", page, StringComparison.Ordinal);
        Assert.Contains("17 links exported to the admin at open, once", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/s/", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CampaignPageForms_OpenAndReissue_NeverNamesWithLinksNorLinksWhenMailed(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        foreach (var mail in new[] { false, true })
        {
            await using var smtp = new SmtpSink();
            await using var app = new TestApp(provider, mail ? Smtp(smtp) : null);
            await app.InitialiseAsync();
            using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
            var campaignId = await DraftAsync(admin, mail ? "forms-mail" : "forms-export");
            var page = $"/admin/campaigns/{campaignId}";

            async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields)
            {
                var html = await admin.GetStringAsync(page);
                fields["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
                using var form = new FormUrlEncodedContent(fields);
                return await admin.PostAsync(path, form);
            }

            var opened = await PostAsync($"/admin/campaigns/{campaignId}/open", []);
            var again = await PostAsync($"/admin/campaigns/{campaignId}/open", []);
            Assert.DoesNotMatch(LinkToken(), await again.Content.ReadAsStringAsync());
            var one = await PostAsync(page, new() { ["_handler"] = "reissue-one", ["Reissue.EmployeeId"] = "E001" });
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            var oneHtml = await one.Content.ReadAsStringAsync();
            Assert.DoesNotContain("person1@test.local", oneHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("Person 1", oneHtml, StringComparison.Ordinal);
            if (mail)
            {
                Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
                Assert.DoesNotMatch(LinkToken(), await opened.Content.ReadAsStringAsync());
                Assert.DoesNotMatch(LinkToken(), oneHtml);
                Assert.Contains("A new link was e-mailed to that person", oneHtml, StringComparison.Ordinal);
                var all = await PostAsync(page, new() { ["_handler"] = "reissue-all" });
                var allHtml = await all.Content.ReadAsStringAsync();
                Assert.DoesNotMatch(LinkToken(), allHtml);
                Assert.Contains("17 new links were issued and 17 e-mailed", allHtml, StringComparison.Ordinal);
                Assert.Equal(17 + 1 + 17, smtp.Messages.Count);
            }
            else
            {
                Assert.Equal("text/csv", opened.Content.Headers.ContentType?.MediaType);
                Assert.Equal(18, (await opened.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
                Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
                Assert.Single(LinkToken().Matches(oneHtml));   // the one re-issued link, shown this once, without who
                Assert.DoesNotContain("E-mail everyone a new link", oneHtml, StringComparison.Ordinal);
                Assert.DoesNotMatch(LinkToken(), await admin.GetStringAsync(page));
            }

            var log = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/distribution-log");
            string[] expected = mail ? ["MailedAtOpen", "ReissuedOnRequestMailed", "ReissuedToEveryoneMailed"] : ["ExportedAtOpen", "ReissuedOnRequestExported"];
            Assert.Equal(expected, log.EnumerateArray().Select(l => l.GetProperty("kind").GetString()!).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlantedAnswers_MailServer_AdminCannotObtainAnyLinkAfterOpen(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var smtp = new SmtpSink();
        await using var app = new TestApp(provider, Smtp(smtp));
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await DraftAsync(admin, "planted-mail");
        var outputs = new List<string> { await (await admin.PostAsync($"/api/campaigns/{campaignId}/open", null)).Content.ReadAsStringAsync() };
        using var anonymous = app.CreateClient();
        foreach (var token in Mailed(smtp).Where(m => m.Key is "person2@test.local" or "person3@test.local").Select(m => m.Value))
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = Answers })).StatusCode);
        }

        // The attacker tries every way to get links for Team A1 (E001–E006) now that some have answered.
        var old = await admin.PostAsync($"/api/campaigns/{campaignId}/links", null);
        Assert.Contains(old.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        outputs.Add(await old.Content.ReadAsStringAsync());
        for (var n = 1; n <= 6; n++)
        {
            var one = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/links/on-request", new { employeeId = $"E{n:D3}" });
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            outputs.Add(await one.Content.ReadAsStringAsync());
        }

        var everyone = await admin.PostAsync($"/api/campaigns/{campaignId}/links/everyone", null);
        Assert.Equal(HttpStatusCode.OK, everyone.StatusCode);
        outputs.Add(await everyone.Content.ReadAsStringAsync());
        outputs.Add(await admin.GetStringAsync($"/admin/campaigns/{campaignId}"));
        outputs.Add(await admin.GetStringAsync($"/api/campaigns/{campaignId}"));
        outputs.Add(await admin.GetStringAsync($"/api/campaigns/{campaignId}/participation"));
        outputs.Add(await admin.GetStringAsync($"/api/campaigns/{campaignId}/distribution-log"));
        Assert.All(outputs, o => Assert.DoesNotMatch(LinkToken(), o));

        // Everyone got mail (17 at open, 6 on request, 17 to everyone): the system delivered, the admin saw nothing.
        Assert.Equal(17 + 6 + 17, smtp.Messages.Count);
        var kinds = (await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/distribution-log")).EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["MailedAtOpen", .. Enumerable.Repeat("ReissuedOnRequestMailed", 6), "ReissuedToEveryoneMailed"], kinds);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlantedAnswers_NoMailServer_ReissuedLinkOfRespondentRecordsNothingAndLooksTheSame(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await DraftAsync(admin, "planted-export");
        var opened = await (await admin.PostAsync($"/api/campaigns/{campaignId}/open", null)).Content.ReadFromJsonAsync<JsonElement>();
        var links = opened.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("employeeId").GetString()!, l => l.GetProperty("url").GetString()!.Split("/s/")[1], StringComparer.Ordinal);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{links["E001"]}", new { answers = new Dictionary<string, string> { ["Q1"] = "1" } })).StatusCode);

        // The admin "re-issues on request" for E001 (answered) and E002 (has not), then answers in their names.
        var reissued = new List<JsonElement>();
        foreach (var person in new[] { "E001", "E002" })
        {
            var r = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/links/on-request", new { employeeId = person });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var text = await r.Content.ReadAsStringAsync();
            Assert.DoesNotContain(person, text, StringComparison.Ordinal);
            Assert.DoesNotContain("@test.local", text, StringComparison.Ordinal);
            reissued.Add(JsonDocument.Parse(text).RootElement);
        }

        Assert.Equal(Normalise(reissued[0].GetRawText()), Normalise(reissued[1].GetRawText()));
        var tokens = reissued.Select(r => r.GetProperty("url").GetString()!.Split("/s/")[1]).ToList();
        var surveys = await Task.WhenAll(tokens.Select(t => anonymous.GetAsync($"/api/answers/{t}")));
        Assert.Equal(await Describe(surveys[0]), await Describe(surveys[1]));
        var planted = new List<HttpResponseMessage>();
        foreach (var token in tokens)
        {
            planted.Add(await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = new Dictionary<string, string> { ["Q1"] = "5" } }));
        }

        Assert.Equal(await Describe(planted[0]), await Describe(planted[1]));
        // E001's genuine answer stands (the plant recorded nothing); only E002's plant went in. The admin cannot tell which.
        Assert.Equal(2, await EnvelopesAsync(app, campaignId));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/answers/{links["E001"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/answers/{links["E002"]}")).StatusCode);

        var kinds = (await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/distribution-log")).EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["ExportedAtOpen", "ReissuedOnRequestExported", "ReissuedOnRequestExported"], kinds);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AdminRoutes_BeforeAndAfterAnswers_IdenticalApartFromTokensAndCountsOfAtLeastK(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        var clock = Clock();
        await using var smtp = new SmtpSink();
        await using var app = new TestApp(provider, Smtp(smtp), clock);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await DraftAsync(admin, "membership");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{campaignId}/open", null)).StatusCode);
        var mailed = Mailed(smtp);

        async Task<string> ReadAsync() =>
            await admin.GetStringAsync("/api/campaigns") + "\n"
            + await admin.GetStringAsync($"/api/campaigns/{campaignId}") + "\n"
            + await admin.GetStringAsync($"/api/campaigns/{campaignId}/participation") + "\n"
            + await admin.GetStringAsync($"/api/campaigns/{campaignId}/distribution-log") + "\n"
            + await admin.GetStringAsync($"/admin/campaigns/{campaignId}");

        async Task<string> ActAsync()
        {
            var before = smtp.Messages.Count;
            var text = new StringBuilder();
            foreach (var person in new[] { "E001", "E002", "E010" })
            {
                text.Append(await (await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/links/on-request", new { employeeId = person })).Content.ReadAsStringAsync()).Append('\n');
            }

            text.Append(await (await admin.PostAsync($"/api/campaigns/{campaignId}/links/everyone", null)).Content.ReadAsStringAsync()).Append('\n');
            // Who was mailed is part of the output too: it must not depend on who has answered.
            lock (smtp.Messages)
            {
                text.AppendJoin(",", smtp.Messages.Skip(before).Select(m => Recipient().Match(m).Groups[1].Value).Order(StringComparer.Ordinal));
            }

            mailed = Mailed(smtp, before + 3);
            return text.ToString();
        }

        var actBefore = await ActAsync();
        var readBefore = await ReadAsync();

        // Three people answer (below k = 5), among them two the admin just re-issued for.
        using var anonymous = app.CreateClient();
        foreach (var who in new[] { "person1@test.local", "person2@test.local", "person5@test.local" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{mailed[who]}", new { answers = Answers })).StatusCode);
        }

        Assert.Equal(Normalise(readBefore), Normalise(await ReadAsync()));
        var actAfter = await ActAsync();
        Assert.Equal(Normalise(actBefore), Normalise(actAfter));
        Assert.Equal(Enumerable.Range(1, 17).Select(n => $"person{n}@test.local").Order(StringComparer.Ordinal), mailed.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotMatch(LinkToken(), actAfter);

        // Next day, still fewer than k answered: the same figures apart from the date.
        clock.Advance(TimeSpan.FromDays(1));
        var participation = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
        Assert.Equal(JsonValueKind.Null, participation.GetProperty("responded").ValueKind);
        Assert.Equal(17, participation.GetProperty("invited").GetInt32());

        // Once k have answered, the next day's figure shows the count — a count of at least k, never who.
        foreach (var who in new[] { "person6@test.local", "person9@test.local" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{mailed[who]}", new { answers = Answers })).StatusCode);
        }

        clock.Advance(TimeSpan.FromDays(1));
        participation = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
        Assert.Equal(5, participation.GetProperty("responded").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Probe_SpentVsUnspentLink_IdenticalStatusAndBodyApartFromToken(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "probe");
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        foreach (var t in new[] { tokens[0], tokens[2] })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{t}", new { answers = Answers })).StatusCode);
        }

        var (spent, unspent) = (tokens[0], tokens[1]);

        // API: the survey, invalid answers, a comment warning, then a valid submission.
        Assert.Equal(await Describe(await anonymous.GetAsync($"/api/answers/{spent}")), await Describe(await anonymous.GetAsync($"/api/answers/{unspent}")));
        var invalid = new { answers = new Dictionary<string, string> { ["Q1"] = "7", ["NOPE"] = "1" } };
        Assert.Equal(await Describe(await anonymous.PostAsJsonAsync($"/api/answers/{spent}", invalid)), await Describe(await anonymous.PostAsJsonAsync($"/api/answers/{unspent}", invalid)));
        var identifying = new { answers = new Dictionary<string, string> { ["Q1"] = "4", ["C1"] = "As the only remote person, write to me at me@test.local" } };
        var warnedSpent = await anonymous.PostAsJsonAsync($"/api/answers/{spent}", identifying);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, warnedSpent.StatusCode);
        Assert.Equal(await Describe(warnedSpent), await Describe(await anonymous.PostAsJsonAsync($"/api/answers/{unspent}", identifying)));
        var submittedSpent = await anonymous.PostAsJsonAsync($"/api/answers/{spent}", new { answers = Answers });
        var submittedUnspent = await anonymous.PostAsJsonAsync($"/api/answers/{unspent}", new { answers = Answers });
        Assert.Equal(HttpStatusCode.OK, submittedSpent.StatusCode);
        Assert.Equal(await Describe(submittedSpent), await Describe(submittedUnspent));
        Assert.Equal(3, await EnvelopesAsync(app, campaignId));

        // HTML: the page, then the form post (tokens[2] was used, tokens[3] not).
        (spent, unspent) = (tokens[2], tokens[3]);
        var pageSpent = await anonymous.GetAsync($"/s/{spent}");
        var pageUnspent = await anonymous.GetAsync($"/s/{unspent}");
        Assert.Equal(HttpStatusCode.OK, pageSpent.StatusCode);
        var htmlSpent = await pageSpent.Content.ReadAsStringAsync();
        Assert.Contains("Submit my answers", htmlSpent, StringComparison.Ordinal);
        Assert.Equal(Normalise(await Describe(pageSpent), spent), Normalise(await Describe(pageUnspent), unspent));
        var posts = new List<HttpResponseMessage>();
        foreach (var (token, html) in new[] { (spent, htmlSpent), (unspent, await pageUnspent.Content.ReadAsStringAsync()) })
        {
            var antiforgery = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "answers",
                ["__RequestVerificationToken"] = antiforgery,
                ["Q1"] = "4",
                ["Q2"] = "5",
            });
            posts.Add(await anonymous.PostAsync($"/s/{token}", form));
        }

        Assert.Equal(HttpStatusCode.Redirect, posts[0].StatusCode);
        Assert.Equal(Normalise(await Describe(posts[0]), spent), Normalise(await Describe(posts[1]), unspent));
        Assert.Equal("/s/thanks", posts[0].Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Equal(4, await EnvelopesAsync(app, campaignId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Participation_RepeatedSameDay_SameFiguresAndRefreshedOnlyNextDay(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        var clock = Clock();
        await using var app = new TestApp(provider, clock: clock);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "daily");
        using var anonymous = app.CreateClient();
        async Task AnswerAsync(IEnumerable<string> which)
        {
            foreach (var t in which)
            {
                Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{t}", new { answers = Answers })).StatusCode);
            }
        }

        async Task<string> ReadAsync() => await admin.GetStringAsync($"/api/campaigns/{campaignId}/participation");

        // Day 1: four answers, below k = 5: the count is withheld (and reads the same as no answers at all).
        var empty = await ReadAsync();
        await AnswerAsync(tokens.Take(4));
        clock.Advance(TimeSpan.FromDays(1));
        var day2 = JsonDocument.Parse(await ReadAsync()).RootElement;
        Assert.Equal(JsonValueKind.Null, day2.GetProperty("responded").ValueKind);
        Assert.Equal(JsonValueKind.Null, day2.GetProperty("rate").ValueKind);
        Assert.Contains("at least 5", day2.GetProperty("hidden").GetString(), StringComparison.Ordinal);
        Assert.Equal(empty.Replace("2026-12-01", "2026-12-02", StringComparison.Ordinal), day2.GetRawText());

        // Day 2: the fifth answer arrives; the figure does not move until the next day, however often it is read.
        await AnswerAsync(tokens.Skip(4).Take(1));
        clock.Advance(TimeSpan.FromHours(14.9));   // 23:54 UTC
        Assert.Equal(day2.GetRawText(), await ReadAsync());
        Assert.Contains("17 invited.", await admin.GetStringAsync($"/admin/campaigns/{campaignId}"), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(10));   // past midnight: day 3
        var day3 = await ReadAsync();
        Assert.Equal(5, JsonDocument.Parse(day3).RootElement.GetProperty("responded").GetInt32());
        Assert.Equal("2026-12-03", JsonDocument.Parse(day3).RootElement.GetProperty("asOf").GetString());
        await AnswerAsync(tokens.Skip(5).Take(3));
        Assert.Equal(day3, await ReadAsync());
        Assert.Contains("5 of 17", await admin.GetStringAsync($"/admin/campaigns/{campaignId}"), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(8, JsonDocument.Parse(await ReadAsync()).RootElement.GetProperty("responded").GetInt32());
    }

    /// <summary>Status, content type, location and body of a response (without the problem's per-request trace id).</summary>
    private static async Task<string> Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Headers.Location}\n{TraceId().Replace(await response.Content.ReadAsStringAsync(), "")}";

    /// <summary>
    /// Removes what differs between any two requests whatever the link (link tokens, antiforgery tokens, the encrypted
    /// redirect target of a form post, which data protection encrypts afresh each time), and <paramref name="token"/> itself.
    /// </summary>
    private static string Normalise(string text, string? token = null)
    {
        var t = token is null ? text : text.Replace(token, "TOKEN", StringComparison.Ordinal);
        return OpaqueRedirect().Replace(Antiforgery().Replace(LinkToken().Replace(t, "/s/TOKEN"), "ANTIFORGERY"), "opaque-redirect?url=ENCRYPTED");
    }
}
