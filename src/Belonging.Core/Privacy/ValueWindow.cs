namespace Belonging.Core.Privacy;

/// <summary>
/// How precisely mean figures are published, and when that precision alone protects a small change between two
/// releases (docs/methods/cross-release.md, "Large groups: the value window").
/// </summary>
/// <remarks>
/// Every mean figure of a released cell (the belonging index, each component index, the belonging outcome and
/// % favourable, with their intervals) is published on the 0–100 scale rounded to the cell's step q of
/// <see cref="Steps"/> (<see cref="CampaignRelease.PrecisionOf"/>), by every host (<see cref="Surveys.GroupScoring"/>
/// rounds before a value leaves the release). A reader therefore knows a group's sum of answers only to within n × q.
/// When a cell of n respondents changed by d people since an earlier release and everyone else answered exactly as
/// before (the worst case), the two releases give the mean of those d people only to a window n × q / d wide; once that
/// is at least the whole <see cref="Scale"/>, the difference of the two releases tells nothing about them that the
/// scale does not.
/// </remarks>
public static class ValueWindow
{
    /// <summary>The finest published precision of mean figures (whole points), in points of the 0–100 scale.</summary>
    public const double Precision = 1.0;

    /// <summary>Width of the scale every mean figure is on (0–100).</summary>
    public const double Scale = 100.0;

    /// <summary>
    /// True when a cell now holding <paramref name="respondents"/> people, changed by <paramref name="change"/> people
    /// (1..k − 1) since an earlier release, hides the changed people's mean in a window at least as wide as the scale
    /// when its mean figures are published at <paramref name="precision"/> points, using this release's rounding only
    /// (an earlier release may have published finer figures).
    /// </summary>
    /// <param name="respondents">The cell's respondents (or a figure's answerers) in this release.</param>
    /// <param name="change">The absolute change of that count since the earlier release.</param>
    /// <param name="precision">The precision the cell's mean figures are published at.</param>
    /// <returns>Whether that rounding alone protects the change.</returns>
    public static bool Covers(long respondents, long change, double precision) => change > 0 && respondents * precision >= Scale * change;

    /// <summary>
    /// The precisions a cell's mean figures may be published at, finest first: whole points, and the coarser steps a
    /// cell whose count changed by a few people is shown at instead of being withheld (the page says so). 25 points
    /// is the coarsest: five values on the scale (0, 25, 50, 75, 100) still tell low from high.
    /// </summary>
    public static IReadOnlyList<double> Steps { get; } = [1.0, 2.0, 5.0, 10.0, 20.0, 25.0];

    /// <summary>
    /// The finest step of <see cref="Steps"/> at which a cell of <paramref name="respondents"/> that changed by
    /// <paramref name="change"/> people hides their mean (<see cref="Covers(long, long, double)"/>), or null when even
    /// the coarsest does not.
    /// </summary>
    /// <param name="respondents">The cell's respondents (or a figure's answerers) in this release.</param>
    /// <param name="change">The absolute change since the earlier release (1..k − 1).</param>
    /// <returns>The precision, or null.</returns>
    public static double? PrecisionFor(long respondents, long change)
    {
        foreach (var step in Steps)
        {
            if (Covers(respondents, change, step))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The next coarser step after <paramref name="precision"/>, or null at the coarsest.</summary>
    /// <param name="precision">A step of <see cref="Steps"/>.</param>
    /// <returns>The next step, or null.</returns>
    public static double? Coarser(double precision)
    {
        foreach (var step in Steps)
        {
            if (step > precision)
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>
    /// The precision a cell of <paramref name="respondents"/> is published at in every release, before any change: the
    /// finest step at which its rounding alone spans the scale for one person (n × q ≥ 100; whole points from 100
    /// respondents, 10-point steps for a team of 10). It is finer than the cell's own 95 % interval at every size, so it
    /// hides nothing the data could support, and because the earlier release of a cell is then rounded as coarsely as
    /// the later one, the two rounding errors add up and the window a later change leaves is rarely cut short at either
    /// end of the scale (docs/methods/cross-release.md, "Small groups: figures at the precision their size supports").
    /// </summary>
    /// <param name="respondents">The cell's respondents.</param>
    /// <returns>The precision (the coarsest step for fewer than 4 respondents).</returns>
    public static double ForSize(long respondents) => PrecisionFor(respondents, 1) ?? Steps[^1];

    /// <summary>A mean figure as published at <paramref name="precision"/> points (half away from zero).</summary>
    /// <param name="value">The exact figure on the 0–100 scale.</param>
    /// <param name="precision">The cell's precision (<see cref="Steps"/>).</param>
    /// <returns>The published figure (NaN stays NaN).</returns>
    public static double Round(double value, double precision) =>
        double.IsFinite(value) ? Math.Round(value / precision, MidpointRounding.AwayFromZero) * precision : value;
}
