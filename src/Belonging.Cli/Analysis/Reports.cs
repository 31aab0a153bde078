namespace Belonging.Cli.Analysis;

/// <summary>
/// What <c>belonging analyze</c> writes (JSON in snake_case; the table format shows the same figures). Every report
/// states the missing-data rule, the minimum group size and n. Suppressed groups carry a reason, never a number.
/// </summary>
/// <param name="Analysis">reliability, gaps, drivers or trend.</param>
/// <param name="Input">File name.</param>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="MissingDataRule">listwise or pairwise.</param>
/// <param name="MissingDataRuleText">The rule in plain words, for this analysis.</param>
/// <param name="MinimumGroupSize">k: groups with fewer respondents are not shown.</param>
/// <param name="Items">Item (or predictor) columns used, in order.</param>
/// <param name="Reversed">Columns reverse-keyed as min + max − x.</param>
/// <param name="Scale">Answer scale, when given.</param>
internal sealed record AnalysisReport(
    string Analysis,
    string Input,
    int Rows,
    string MissingDataRule,
    string MissingDataRuleText,
    int MinimumGroupSize,
    IReadOnlyList<string> Items,
    IReadOnlyList<string> Reversed,
    ScaleRange? Scale)
{
    /// <summary>
    /// What the suppression in this report protects, in plain words: this report alone. Two runs on the same file
    /// (another grouping, another missing-data rule, trend against gaps) can be subtracted from each other, so the tool
    /// is for people who already hold the raw file; figures for others go through a campaign release.
    /// </summary>
    public string PrivacyScope { get; init; } = SingleReportScope;

    /// <summary>The text of <see cref="PrivacyScope"/>.</summary>
    public const string SingleReportScope =
        "Hidden groups are protected within this one report only. Two reports on the same file (another grouping, another missing-data rule, trend against gaps) can be subtracted from each other and reveal a hidden group. Use this tool only if you already hold the raw file; to share figures with others, publish them through a campaign release, which protects every report together.";

    public ReliabilityReport? Reliability { get; init; }

    public GapsReport? Gaps { get; init; }

    public DriversReport? Drivers { get; init; }

    public TrendReport? Trend { get; init; }
}

internal sealed record ScaleRange(double Min, double Max);

internal sealed record ReliabilityReport(
    int N,
    int Items,
    double RawAlpha,
    double StdAlpha,
    double AverageR,
    double ScaleMean,
    double ScaleSd,
    double? OmegaTotal,
    string OmegaMethod,
    IReadOnlyList<ReliabilityItem> ItemStatistics);

internal sealed record ReliabilityItem(
    string Item, int N, double Mean, double Sd, double AlphaIfDeletedRaw, double AlphaIfDeletedStd, double RDrop, double? Loading);

/// <summary>n, mean and % favourable of one cell, with intervals (t for the mean, Wilson for the proportion).</summary>
internal sealed record CellSummary(
    int N, double Mean, double Sd, double MeanCiLower, double MeanCiUpper, double? FavourablePct, double? FavourableCiLower, double? FavourableCiUpper);

/// <summary>A group's cell: <c>status</c> reported with <c>summary</c>, or suppressed with <c>reason</c> and nothing else.</summary>
internal sealed record GroupCell(string Group, string Status, string? Reason, CellSummary? Summary);

internal sealed record GapsReport(
    string GroupColumn, double FavourableFrom, string Test, string Correction, int PValuesAdjusted, IReadOnlyList<MeasureGaps> Measures);

internal sealed record MeasureGaps(string Measure, CellSummary Organisation, IReadOnlyList<GroupCell> Groups, IReadOnlyList<GapRow> Gaps);

/// <summary>One gap: group minus "rest" (everyone else) or minus "organisation" (everyone, the group included).</summary>
internal sealed record GapRow(
    string Group,
    string Comparison,
    int NGroup,
    int NComparison,
    double Difference,
    double CiLower,
    double CiUpper,
    double T,
    double Df,
    double P,
    double PBh,
    double CohensD,
    double HedgesG,
    double FavourableDifferencePoints,
    double FavourableCiLower,
    double FavourableCiUpper,
    double FavourableP,
    double FavourablePBh);

internal sealed record DriversReport(string Outcome, IReadOnlyList<string> Predictors, int MinimumN, string? GroupColumn, DriverCell Organisation, IReadOnlyList<DriverGroup> Groups);

internal sealed record DriverCell(int N, double RSquared, IReadOnlyList<DriverRow> Drivers);

internal sealed record DriverRow(string Predictor, int Rank, double RawWeight, double RescaledPct, double GeneralDominance, double SingleR2);

internal sealed record DriverGroup(string Group, string Status, string? Reason, DriverCell? Result);

internal sealed record TrendReport(string WaveColumn, IReadOnlyList<string> Waves, string? GroupColumn, string Test, IReadOnlyList<TrendSeries> Series);

/// <summary>One group followed across waves ("(everyone)" for the whole population of each wave).</summary>
internal sealed record TrendSeries(string Group, IReadOnlyList<TrendPoint> Points, IReadOnlyList<TrendChange> Changes);

internal sealed record TrendPoint(string Wave, string Status, string? Reason, CellSummary? Summary);

/// <summary>Change from one wave to the next: later minus earlier, Welch interval and p; "not_compared" when either cell is withheld.</summary>
internal sealed record TrendChange(string From, string To, string Status, string? Reason, WelchComparison? Comparison);

internal sealed record WelchComparison(int NFrom, int NTo, double Difference, double CiLower, double CiUpper, double T, double Df, double P, double CohensD, double HedgesG);
