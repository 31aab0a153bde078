using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>The policy library end to end: upload (files and zips, all or nothing), review, accept, dismiss (remembered per passage), assign, versions, exports.</summary>
public sealed class PolicyAuditHttpTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Handbook = "# Leave\n\nEvery employee may take maternity leave of 16 weeks.\n\nThe chairman of the committee decides on appeals.\n\nWe need more manpower in the warehouse.\n";

    private static MultipartFormDataContent Files(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return form;
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return ms.ToArray();
    }

    [Fact]
    public async Task Library_UploadReviewAcceptDismissAssignExport()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);

        // A bad file anywhere in the upload refuses all of it.
        var bad = await admin.PostAsync("/api/policies", Files(("handbook.md", Encoding.UTF8.GetBytes(Handbook)), ("virus.exe", [1, 2, 3])));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("virus.exe", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.PolicyDocuments.CountAsync());
        }

        var upload = await admin.PostAsync("/api/policies", Files(
            ("handbook.md", Encoding.UTF8.GetBytes(Handbook)),
            ("adverts.zip", Zip(("job-ad.txt", "We are a young and dynamic team. Native English speaker required.\n")))));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var library = await admin.GetFromJsonAsync<JsonElement>("/api/policies", Json);
        Assert.Equal(2, library.GetArrayLength());
        var handbookId = library.EnumerateArray().Single(r => r.GetProperty("title").GetString() == "handbook").GetProperty("id").GetGuid();

        var review = await admin.GetFromJsonAsync<JsonElement>($"/api/policies/{handbookId}", Json);
        var findings = review.GetProperty("findings").EnumerateArray().ToList();
        var chairman = findings.Single(f => f.GetProperty("text").GetString() == "chairman");
        Assert.Contains(findings, f => f.GetProperty("text").GetString()!.Contains("maternity", StringComparison.OrdinalIgnoreCase));
        var manpower = findings.Single(f => f.GetProperty("text").GetString() == "manpower");
        Assert.All(findings, f => Assert.Equal("open", f.GetProperty("status").GetString()));

        // Accept a suggestion: a new version without that finding.
        var suggestion = chairman.GetProperty("suggestions")[0].GetString()!;
        var accepted = await admin.PostAsJsonAsync($"/api/policies/{handbookId}/findings", new { ruleId = chairman.GetProperty("ruleId").GetString(), start = chairman.GetProperty("start").GetInt32(), decision = "accept", suggestion });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var afterAccept = await accepted.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(2, afterAccept.GetProperty("version").GetInt32());
        Assert.DoesNotContain(afterAccept.GetProperty("findings").EnumerateArray(), f => f.GetProperty("text").GetString() == "chairman");
        var fixedMarkdown = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/policies/{handbookId}/fixed?format=md"));
        Assert.Contains(suggestion, fixedMarkdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("chairman", fixedMarkdown, StringComparison.Ordinal);

        // A stale position is refused, nothing changes.
        var stale = await admin.PostAsJsonAsync($"/api/policies/{handbookId}/findings", new { ruleId = chairman.GetProperty("ruleId").GetString(), start = chairman.GetProperty("start").GetInt32(), decision = "accept", suggestion });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);

        // Dismiss needs a reason; then it is remembered for the passage, even in a re-uploaded version.
        manpower = afterAccept.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("text").GetString() == "manpower");
        var noReason = await admin.PostAsJsonAsync($"/api/policies/{handbookId}/findings", new { ruleId = manpower.GetProperty("ruleId").GetString(), start = manpower.GetProperty("start").GetInt32(), decision = "dismiss" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var dismissed = await admin.PostAsJsonAsync($"/api/policies/{handbookId}/findings", new { ruleId = manpower.GetProperty("ruleId").GetString(), start = manpower.GetProperty("start").GetInt32(), decision = "dismiss", note = "Quoted from the union agreement title." });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        var reupload = await admin.PostAsync("/api/policies", Files(("handbook.md", Encoding.UTF8.GetBytes("# Leave (updated)\n\nNew intro line.\n\n" + Handbook))));
        Assert.Equal(HttpStatusCode.OK, reupload.StatusCode);
        var v3 = await admin.GetFromJsonAsync<JsonElement>($"/api/policies/{handbookId}", Json);
        Assert.Equal(3, v3.GetProperty("version").GetInt32());
        Assert.Equal("dismissed", v3.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("text").GetString() == "manpower").GetProperty("status").GetString());
        Assert.Equal(3, v3.GetProperty("versions").GetArrayLength());

        // Assign a fix.
        var maternity = v3.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("status").GetString() == "open");
        var assigned = await admin.PostAsJsonAsync($"/api/policies/{handbookId}/findings", new { ruleId = maternity.GetProperty("ruleId").GetString(), start = maternity.GetProperty("start").GetInt32(), decision = "assign", note = "Priya (HR policy)" });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/policies/findings?format=csv"));
        Assert.Contains("Quoted from the union agreement title.", csv, StringComparison.Ordinal);
        Assert.Contains("Priya (HR policy)", csv, StringComparison.Ordinal);
        Assert.Contains("job-ad", csv, StringComparison.Ordinal);
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await admin.GetByteArrayAsync("/api/policies/findings?format=xlsx")), false))
        {
            Assert.True(xlsx.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count() > 3);
        }

        using (var docx = WordprocessingDocument.Open(new MemoryStream(await admin.GetByteArrayAsync($"/api/policies/{handbookId}/fixed?format=docx")), false))
        {
            var text = docx.MainDocumentPart!.Document.Body!.InnerText;
            // The current version is the re-upload (version 3).
            Assert.Contains("Leave (updated)", text, StringComparison.Ordinal);
            Assert.Contains("maternity leave", text, StringComparison.Ordinal);
        }

        var page = await admin.GetStringAsync($"/policies/{handbookId}");
        Assert.Contains("<mark id=\"f-1\"", page, StringComparison.Ordinal);
        Assert.Contains("dismissed", page, StringComparison.Ordinal);
        var dashboard = await admin.GetStringAsync("/policies");
        Assert.Contains("Needs work", dashboard, StringComparison.Ordinal);
        Assert.Contains("Gendered language", dashboard, StringComparison.Ordinal);

        // An organisation-wide allowed phrase removes its findings everywhere (a reason is required).
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/policies/allowed-phrases", new { phrase = "young and dynamic" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/policies/allowed-phrases", new { phrase = "Young and Dynamic", reason = "Name of our graduate programme." })).StatusCode);
        var jobAdId = library.EnumerateArray().Single(r => r.GetProperty("title").GetString() == "job-ad").GetProperty("id").GetGuid();
        var jobAd = await admin.GetFromJsonAsync<JsonElement>($"/api/policies/{jobAdId}", Json);
        Assert.DoesNotContain(jobAd.GetProperty("findings").EnumerateArray(), f => f.GetProperty("text").GetString()!.Contains("young", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(jobAd.GetProperty("findings").EnumerateArray(), f => f.GetProperty("text").GetString()!.Contains("native", StringComparison.OrdinalIgnoreCase));

        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/policies")).StatusCode);
    }
}
