namespace Belonging.Core.Privacy;

/// <summary>
/// How precisely mean figures are published, and when that precision alone protects a small change between two
/// releases (docs/methods/cross-release.md, "Large groups: the value window").
/// </summary>
/// <remarks>
/// Every mean figure of a released cell (the belonging index, each component index, the belonging outcome and
/// % favourable, with their intervals) is published on the 0–100 scale rounded to <see cref="Precision"/> points, by
/// every host (<see cref="Surveys.GroupScoring"/> rounds before a value leaves the release). A reader therefore knows a
/// group's sum of answers only to within n × <see cref="Precision"/>. When a cell of n respondents changed by d people
/// since an earlier release and everyone else answered exactly as before (the worst case), the two releases give the
/// mean of those d people only to a window n × <see cref="Precision"/> / d wide; once that is at least the whole
/// <see cref="Scale"/>, the difference of the two releases tells nothing about them that the scale does not.
/// </remarks>
public static class ValueWindow
{
    /// <summary>Published precision of mean figures, in points of the 0–100 scale.</summary>
    public const double Precision = 1.0;

    /// <summary>Width of the scale every mean figure is on (0–100).</summary>
    public const double Scale = 100.0;

    /// <summary>
    /// True when a cell now holding <paramref name="respondents"/> people, changed by <paramref name="change"/> people
    /// (1..k − 1) since an earlier release, hides the changed people's mean in a window at least as wide as the scale,
    /// using this release's rounding only (an earlier release may have published finer figures).
    /// </summary>
    /// <param name="respondents">The cell's respondents (or a figure's answerers) in this release.</param>
    /// <param name="change">The absolute change of that count since the earlier release.</param>
    /// <returns>Whether the rounding alone protects the change.</returns>
    public static bool Covers(long respondents, long change) => change > 0 && respondents * Precision >= Scale * change;

    /// <summary>A mean figure as published: rounded to <see cref="Precision"/> points (half away from zero).</summary>
    /// <param name="value">The exact figure on the 0–100 scale.</param>
    /// <returns>The published figure (NaN stays NaN).</returns>
    public static double Round(double value) =>
        double.IsFinite(value) ? Math.Round(value / Precision, MidpointRounding.AwayFromZero) * Precision : value;
}
