using System.Globalization;
using System.Text.Json;

namespace Belonging.Core.Tests.Statistics;

/// <summary>Loads the reference CSVs and values in TestData (see TestData/PROVENANCE.md).</summary>
internal static class ReferenceData
{
    public static readonly JsonElement Values = LoadJson();

    public static readonly string[] BfiScales = ["agreeableness", "conscientiousness", "extraversion", "neuroticism", "openness"];

    private static JsonElement LoadJson()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "measurement-reference-values.json")));
        return doc.RootElement.Clone();
    }

    /// <summary>Columns of a CSV as doubles (NaN for empty/NA), keyed by header.</summary>
    public static Dictionary<string, double[]> Csv(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", file));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(SplitCsv).ToArray();
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            result[header[c]] = rows.Select(r => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        }

        return result;
    }

    private static string[] SplitCsv(string line)
    {
        // The reference CSVs quote only the row names; no field contains a comma inside quotes except mtcars names, which have none.
        return line.Split(',').Select(f => f.Trim('"')).ToArray();
    }

    /// <summary>Keyed bfi item rows of one scale (reverse-keyed items 7 − x), NaN for missing.</summary>
    public static (double[][] Rows, string[] Names) BfiScale(string scale)
    {
        var bfi = Csv("bfi.csv");
        var keys = Values.GetProperty("bfi").GetProperty("keys").GetProperty(scale).EnumerateArray().Select(k => k.GetString()!).ToArray();
        var names = keys.Select(k => k.TrimStart('-')).ToArray();
        var n = bfi["A1"].Length;
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = keys.Select(k => k.StartsWith('-') ? 7 - bfi[k[1..]][i] : bfi[k][i]).ToArray();
        }

        return (rows, names);
    }

    public static double Number(this JsonElement e, params string[] path)
    {
        foreach (var p in path)
        {
            e = e.GetProperty(p);
        }

        return e.GetDouble();
    }
}
