using Belonging.Core.Statistics;

namespace Belonging.Cli.Analysis;

/// <summary>The four analyses <c>belonging analyze</c> runs.</summary>
internal enum AnalysisKind
{
    Reliability,
    Gaps,
    Drivers,
    Trend,
}

/// <summary>Everything the command line asked for, before it is checked against the file.</summary>
/// <param name="Kind">Which analysis.</param>
/// <param name="Items">Item columns (--items), or null.</param>
/// <param name="ItemsPrefix">Every column starting with this (--items-prefix), or null.</param>
/// <param name="Reverse">Reverse-keyed columns.</param>
/// <param name="ScaleMin">Lowest answer on the scale.</param>
/// <param name="ScaleMax">Highest answer on the scale.</param>
/// <param name="Rule">Missing-data rule, or null for the analysis's default.</param>
/// <param name="Group">Group column.</param>
/// <param name="Outcome">Outcome column (drivers).</param>
/// <param name="Predictors">Predictor columns (drivers); falls back to the items.</param>
/// <param name="Wave">Wave column (trend).</param>
/// <param name="MinimumGroupSize">k.</param>
/// <param name="FavourableFrom">Lowest favourable answer (gaps); default the second-highest scale point.</param>
/// <param name="PerItem">Gaps: also compare each item, not only the scale score.</param>
internal sealed record AnalysisRequest(
    AnalysisKind Kind,
    IReadOnlyList<string>? Items,
    string? ItemsPrefix,
    IReadOnlyList<string> Reverse,
    double? ScaleMin,
    double? ScaleMax,
    MissingDataRule? Rule,
    string? Group,
    string? Outcome,
    IReadOnlyList<string>? Predictors,
    string? Wave,
    int MinimumGroupSize,
    double? FavourableFrom,
    bool PerItem);
