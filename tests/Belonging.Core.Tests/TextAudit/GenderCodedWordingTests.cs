using Belonging.Core.TextAudit;

namespace Belonging.Core.Tests.TextAudit;

public sealed class GenderCodedWordingTests
{
    public static TheoryData<string, int, int, string> UpstreamVectors()
    {
        var data = new TheoryData<string, int, int, string>();
        foreach (var v in AuditTestData.Json("gender-decoder-wordlists-and-vectors.json").GetProperty("testVectorsFromUpstreamTestsPy").EnumerateArray())
        {
            data.Add(v.GetProperty("text").GetString()!, v.GetProperty("masculineCount").GetInt32(), v.GetProperty("feminineCount").GetInt32(), v.GetProperty("coding").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UpstreamVectors))]
    public void Analyse_UpstreamTestVector_Reproduced(string text, int masculine, int feminine, string coding)
    {
        var result = GenderCodedWording.Analyse(text);
        Assert.Equal((masculine, feminine, coding), (result.MasculineCount, result.FeminineCount, result.CodingLabel));
    }

    [Fact]
    public void Analyse_HandbookPerFile_ReproducesReferenceWordsAndCoding()
    {
        var files = AuditTestData.Json("gender-decoder-wordlists-and-vectors.json").GetProperty("referenceResults").GetProperty("osioLabsHandbookPerFile").EnumerateArray().ToList();
        Assert.Equal(39, files.Count);
        foreach (var f in files)
        {
            var result = GenderCodedWording.Analyse(AuditTestData.Handbook(f.GetProperty("file").GetString()!));
            Assert.Equal(f.GetProperty("masculineWords").EnumerateArray().Select(x => x.GetString()!), result.MasculineWords);
            Assert.Equal(f.GetProperty("feminineWords").EnumerateArray().Select(x => x.GetString()!), result.FeminineWords);
            Assert.Equal(f.GetProperty("coding").GetString(), result.CodingLabel);
        }
    }

    [Fact]
    public void Analyse_JdSentences_WholeAndPerLine()
    {
        var reference = AuditTestData.Json("gender-decoder-wordlists-and-vectors.json").GetProperty("referenceResults");
        var lines = AuditTestData.JdSentences();
        var whole = GenderCodedWording.Analyse(File.ReadAllText(AuditTestData.Path("jd-sentences-green2022-cc-by-4.0.txt")));
        var expected = reference.GetProperty("jdSentencesWholeCorpus");
        Assert.Equal((91, 66, "strongly masculine-coded"), (whole.MasculineCount, whole.FeminineCount, whole.CodingLabel));
        Assert.Equal((expected.GetProperty("masculine").GetInt32(), expected.GetProperty("feminine").GetInt32()), (whole.MasculineCount, whole.FeminineCount));
        foreach (var line in reference.GetProperty("jdSentencesPerLine").EnumerateArray())
        {
            var result = GenderCodedWording.Analyse(lines[line.GetProperty("line").GetInt32() - 1]);
            Assert.Equal((line.GetProperty("masculine").GetInt32(), line.GetProperty("feminine").GetInt32(), line.GetProperty("coding").GetString()), (result.MasculineCount, result.FeminineCount, result.CodingLabel));
        }
    }

    [Theory]
    [InlineData("", 0, 0, GenderCoding.Empty)]
    [InlineData("We use SharePoint daily.", 0, 0, GenderCoding.Empty)]
    [InlineData("A dominant player.", 2, 0, GenderCoding.Masculine)]
    [InlineData("Self-confident and co-operative, not well-known.", 1, 1, GenderCoding.Neutral)]
    public void Analyse_EdgeCases(string text, int masculine, int feminine, GenderCoding coding)
    {
        var result = GenderCodedWording.Analyse(text);
        Assert.Equal((masculine, feminine, coding), (result.MasculineCount, result.FeminineCount, result.Coding));
    }
}
