namespace Belonging.Core.Statistics;

/// <summary>A group is too small for the analysis to be meaningful (e.g. a driver analysis needs at least 30 complete answers).</summary>
/// <param name="Analysis">Plain name of the analysis.</param>
/// <param name="Minimum">Smallest n the analysis accepts.</param>
public sealed record SampleTooSmallError(string Analysis, int Minimum)
    : Error("statistics.sample_too_small", $"This group is too small for {Analysis}: it needs at least {Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)} complete answers.");

/// <summary>The predictors are collinear (one is an exact combination of the others), so their contributions cannot be separated.</summary>
public sealed record CollinearPredictorsError()
    : Error("statistics.collinear", "Two or more drivers carry exactly the same information, so their contributions cannot be separated.");
