using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Belonging.Cli.Analysis;

/// <summary>Writes an <see cref="AnalysisReport"/> as JSON (System.Text.Json, invariant culture) or as Spectre.Console tables.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteDoubleConverter() },
    };

    public static string ToJson(AnalysisReport report) => JsonSerializer.Serialize(report, Json);

    public static void WriteTables(AnalysisReport report, IAnsiConsole console)
    {
        console.Write(new Rule($"[bold]belonging analyze {report.Analysis}[/]").LeftJustified());
        var about = new Grid().AddColumn().AddColumn();
        about.AddRow("Input", Markup.Escape(string.Create(Invariant, $"{report.Input} ({report.Rows} data rows)")));
        about.AddRow("Missing data", Markup.Escape(report.MissingDataRuleText));
        about.AddRow("Minimum group size", string.Create(Invariant, $"k = {report.MinimumGroupSize}: smaller groups are not shown"));
        about.AddRow("Protects", Markup.Escape(report.PrivacyScope));
        about.AddRow(report.Analysis == "drivers" ? "Predictors" : "Items", Markup.Escape(string.Join(", ", report.Items)));
        if (report.Reversed.Count > 0)
        {
            about.AddRow("Reversed", Markup.Escape(string.Join(", ", report.Reversed) + string.Create(Invariant, $" (x → {report.Scale!.Min} + {report.Scale.Max} − x)")));
        }

        console.Write(about);
        console.WriteLine();
        if (report.Reliability is { } reliability)
        {
            Write(console, reliability);
        }

        if (report.Gaps is { } gaps)
        {
            Write(console, gaps);
        }

        if (report.Drivers is { } drivers)
        {
            Write(console, drivers);
        }

        if (report.Trend is { } trend)
        {
            Write(console, trend);
        }
    }

    private static void Write(IAnsiConsole console, ReliabilityReport r)
    {
        var scale = new Table().Title("Scale").AddColumns("n", "items", "alpha (raw)", "alpha (std)", "mean r", "mean", "SD", "omega total");
        AddText(scale, N(r.N), N(r.Items), F(r.RawAlpha), F(r.StdAlpha), F(r.AverageR), F(r.ScaleMean), F(r.ScaleSd), r.OmegaTotal is { } o ? F(o) : "—");
        console.Write(scale);
        var items = new Table().Title("Items").AddColumns("item", "n", "mean", "SD", "alpha if deleted (raw)", "alpha if deleted (std)", "r.drop", "loading");
        foreach (var i in r.ItemStatistics)
        {
            AddText(items, i.Item, N(i.N), F(i.Mean), F(i.Sd), F(i.AlphaIfDeletedRaw), F(i.AlphaIfDeletedStd), F(i.RDrop), i.Loading is { } l ? F(l) : "—");
        }

        console.Write(items);
        console.MarkupLine(Markup.Escape("Omega: " + r.OmegaMethod + "."));
    }

    private static void Write(IAnsiConsole console, GapsReport g)
    {
        console.MarkupLine(Markup.Escape(string.Create(Invariant, $"Groups: column {g.GroupColumn}; favourable = answer (or score) ≥ {g.FavourableFrom}. Test: {g.Test}. Correction: {g.Correction} ({g.PValuesAdjusted} p-values).")));
        foreach (var m in g.Measures)
        {
            var cells = new Table().Title(Markup.Escape($"{m.Measure}: groups")).AddColumns("group", "n", "mean [[95 % CI]]", "% favourable [[95 % CI]]");
            cells.AddRow(new Markup("[bold](organisation)[/]"), new Text(N(m.Organisation.N)), new Text(MeanCi(m.Organisation)), new Text(FavourableCi(m.Organisation)));
            foreach (var c in m.Groups)
            {
                if (c.Summary is { } s)
                {
                    cells.AddRow(new Text(c.Group), new Text(N(s.N)), new Text(MeanCi(s)), new Text(FavourableCi(s)));
                }
                else
                {
                    cells.AddRow(new Text(c.Group), new Markup("[grey]hidden[/]"), new Markup($"[grey]{Markup.Escape(c.Reason ?? "")}[/]"), new Text(""));
                }
            }

            console.Write(cells);
            if (m.Gaps.Count == 0)
            {
                console.MarkupLine("[grey]No gap can be shown for this measure.[/]");
                continue;
            }

            var gaps = new Table().Title(Markup.Escape($"{m.Measure}: gaps (group minus comparison)"))
                .AddColumns("group", "vs", "n", "difference [[95 % CI]]", "p", "p (BH)", "d", "g", "Δ % fav [[95 % CI]]", "p fav (BH)");
            foreach (var r in m.Gaps)
            {
                AddText(
                    gaps,
                    r.Group,
                    r.Comparison,
                    string.Create(Invariant, $"{r.NGroup} / {r.NComparison}"),
                    string.Create(Invariant, $"{F(r.Difference)} [{F(r.CiLower)}, {F(r.CiUpper)}]"),
                    P(r.P),
                    P(r.PBh),
                    F(r.CohensD),
                    F(r.HedgesG),
                    string.Create(Invariant, $"{r.FavourableDifferencePoints:0.0} [{r.FavourableCiLower:0.0}, {r.FavourableCiUpper:0.0}]"),
                    P(r.FavourablePBh));
            }

            console.Write(gaps);
        }
    }

    private static void Write(IAnsiConsole console, DriversReport d)
    {
        console.MarkupLine(Markup.Escape(string.Create(Invariant, $"Outcome: {d.Outcome}. Relative weights (Johnson 2000) and general dominance (Azen & Budescu 2003); a group needs at least {d.MinimumN} complete rows.")));
        console.Write(DriverTable("(organisation)", d.Organisation));
        foreach (var g in d.Groups)
        {
            if (g.Result is { } result)
            {
                console.Write(DriverTable(g.Group, result));
            }
            else
            {
                console.MarkupLine(string.Create(Invariant, $"[grey]{Markup.Escape(g.Group)}: {g.Status} ({Markup.Escape(g.Reason ?? "")})[/]"));
            }
        }
    }

    private static Table DriverTable(string title, DriverCell cell)
    {
        var table = new Table().Title(Markup.Escape(string.Create(Invariant, $"{title}: n = {cell.N}, R² = {F(cell.RSquared)}")))
            .AddColumns("rank", "predictor", "raw weight", "% of R²", "general dominance", "r² alone");
        foreach (var r in cell.Drivers.OrderBy(r => r.Rank))
        {
            AddText(table, N(r.Rank), r.Predictor, F(r.RawWeight), string.Create(Invariant, $"{r.RescaledPct:0.0}"), F(r.GeneralDominance), F(r.SingleR2));
        }

        return table;
    }

    private static void Write(IAnsiConsole console, TrendReport t)
    {
        console.MarkupLine(Markup.Escape(string.Create(Invariant, $"Waves ({t.WaveColumn}): {string.Join(" → ", t.Waves)}. Test: {t.Test}.")));
        foreach (var s in t.Series)
        {
            var table = new Table().Title(Markup.Escape(s.Group)).AddColumns("wave", "n", "mean [[95 % CI]]", "change from previous [[95 % CI]]", "p");
            for (var w = 0; w < s.Points.Count; w++)
            {
                var point = s.Points[w];
                var change = w == 0 ? null : s.Changes[w - 1];
                IRenderable changeText = change?.Comparison is { } c
                    ? new Text(string.Create(Invariant, $"{F(c.Difference)} [{F(c.CiLower)}, {F(c.CiUpper)}]"))
                    : new Markup(change is null ? "" : "[grey]not compared[/]");
                IRenderable p = change?.Comparison is { } cp ? new Text(P(cp.P)) : new Text("");
                if (point.Summary is { } sum)
                {
                    table.AddRow(new Text(point.Wave), new Text(N(sum.N)), new Text(MeanCi(sum)), changeText, p);
                }
                else
                {
                    table.AddRow(new Text(point.Wave), new Markup("[grey]hidden[/]"), new Markup($"[grey]{Markup.Escape(point.Reason ?? "")}[/]"), changeText, p);
                }
            }

            console.Write(table);
        }
    }

    private static void AddText(Table table, params string[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(c)));

    private static string MeanCi(CellSummary s) => string.Create(Invariant, $"{F(s.Mean)} [{F(s.MeanCiLower)}, {F(s.MeanCiUpper)}]");

    private static string FavourableCi(CellSummary s) =>
        s.FavourablePct is { } p ? string.Create(Invariant, $"{p:0.0} [{s.FavourableCiLower:0.0}, {s.FavourableCiUpper:0.0}]") : "";

    private static string N(int n) => n.ToString(Invariant);

    private static string F(double x) => double.IsFinite(x) ? x.ToString("0.000", Invariant) : "—";

    private static string P(double p) => double.IsNaN(p) ? "—" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", Invariant);

    /// <summary>NaN and infinities (e.g. alpha of a constant item) are written as null: JSON has no such numbers.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
