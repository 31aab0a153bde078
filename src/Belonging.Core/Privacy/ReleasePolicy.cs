namespace Belonging.Core.Privacy;

/// <summary>An attribute the admin designated before launch for single-attribute breakdowns.</summary>
/// <param name="Attribute">Attribute name (ordinal).</param>
/// <param name="Values">The declared value domain (public: it says which cells exist). <see cref="NotDisclosed"/> is always added.</param>
/// <param name="MaxDepth">Breakdowns are released for units at depth ≤ MaxDepth (the root has depth 0).</param>
public sealed record AttributeDesignation(string Attribute, IReadOnlyList<string> Values, int MaxDepth)
{
    /// <summary>The value every attribute also has, for respondents who did not disclose it (or whose roster lacks it).</summary>
    public const string NotDisclosed = "(not disclosed)";
}

/// <summary>A pair of designated attributes whose intersections are released for units at depth ≤ <paramref name="MaxDepth"/>.</summary>
/// <param name="First">One attribute (must also be designated in <see cref="ReleasePolicy.Attributes"/>).</param>
/// <param name="Second">The other attribute.</param>
/// <param name="MaxDepth">Deepest unit depth with intersections; the two margins are released at least as deep.</param>
public sealed record PairDesignation(string First, string Second, int MaxDepth);

/// <summary>
/// What a campaign releases and how strictly: k, k_c and the closed cell set (designated attributes, pairs and depths).
/// Fixed before launch; once anyone answered it may only become stricter (see <see cref="ChangeTo"/>).
/// </summary>
/// <param name="K">Minimum respondents per reported cell (default <see cref="MinimumGroupRule.Default"/>, at least <see cref="MinimumGroupRule.Floor"/>).</param>
/// <param name="CommentK">Minimum distinct comment authors per released comment group (default 10, at least <paramref name="K"/>).</param>
/// <param name="Attributes">Designated single-attribute breakdowns.</param>
/// <param name="Pairs">Designated two-attribute intersections.</param>
public sealed record ReleasePolicy(int K, int CommentK, IReadOnlyList<AttributeDesignation> Attributes, IReadOnlyList<PairDesignation> Pairs)
{
    /// <summary>The default comment threshold k_c.</summary>
    public const int DefaultCommentK = 10;

    /// <summary>Default thresholds (k = 5, k_c = 10) and unit rollups only.</summary>
    public static ReleasePolicy Default { get; } = new(MinimumGroupRule.Default, DefaultCommentK, [], []);

    /// <summary>Checks the policy on its own: k ≥ floor, k_c ≥ k, known and distinct attributes, non-negative depths.</summary>
    /// <returns>The policy, or a <see cref="PolicyInvalidError"/>.</returns>
    public Result<ReleasePolicy> Validate()
    {
        if (K < MinimumGroupRule.Floor)
        {
            return new PolicyInvalidError($"k must be at least {MinimumGroupRule.Floor}.");
        }

        if (CommentK < K)
        {
            return new PolicyInvalidError("The comment threshold k_c must be at least k.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in Attributes)
        {
            if (!names.Add(a.Attribute) || a.MaxDepth < 0 || a.Values.Count == 0 ||
                a.Values.Distinct(StringComparer.Ordinal).Count() != a.Values.Count || a.Values.Contains(AttributeDesignation.NotDisclosed, StringComparer.Ordinal))
            {
                return new PolicyInvalidError($"Attribute '{a.Attribute}' is duplicated, has a negative depth, or has an empty/duplicated/reserved value list.");
            }
        }

        var pairs = new HashSet<(string, string)>();
        foreach (var p in Pairs)
        {
            var ordered = string.CompareOrdinal(p.First, p.Second) < 0 ? (p.First, p.Second) : (p.Second, p.First);
            if (!names.Contains(p.First) || !names.Contains(p.Second) || p.First == p.Second || p.MaxDepth < 0 || !pairs.Add(ordered))
            {
                return new PolicyInvalidError($"Pair '{p.First}' × '{p.Second}' must name two different designated attributes once, with a non-negative depth.");
            }
        }

        return this;
    }

    /// <summary>
    /// The only way to change a policy. Before anyone answered, any valid policy is accepted. Once anyone answered,
    /// k and k_c may only go up and the cell set may only shrink (fewer attributes/pairs, shallower depths, no new values):
    /// respondents answered under the old promise, and a finer release could only identify them more.
    /// </summary>
    /// <param name="proposed">The new policy.</param>
    /// <param name="anyoneAnswered">True once the campaign has at least one answer.</param>
    /// <returns>The proposed policy, or <see cref="ThresholdLoweredError"/> / <see cref="CellSetWidenedError"/> / <see cref="PolicyInvalidError"/>.</returns>
    public Result<ReleasePolicy> ChangeTo(ReleasePolicy proposed, bool anyoneAnswered)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var valid = proposed.Validate();
        if (!valid.IsSuccess || !anyoneAnswered)
        {
            return valid;
        }

        if (proposed.K < K)
        {
            return new ThresholdLoweredError("k", K, proposed.K);
        }

        if (proposed.CommentK < CommentK)
        {
            return new ThresholdLoweredError("k_c", CommentK, proposed.CommentK);
        }

        foreach (var a in proposed.Attributes)
        {
            var old = Attributes.FirstOrDefault(x => x.Attribute == a.Attribute);
            if (old is null || a.MaxDepth > old.MaxDepth || a.Values.Except(old.Values, StringComparer.Ordinal).Any())
            {
                return new CellSetWidenedError($"Attribute '{a.Attribute}' would be released more finely than promised at launch.");
            }
        }

        foreach (var p in proposed.Pairs)
        {
            var old = Pairs.FirstOrDefault(x => (x.First == p.First && x.Second == p.Second) || (x.First == p.Second && x.Second == p.First));
            if (old is null || p.MaxDepth > old.MaxDepth)
            {
                return new CellSetWidenedError($"Pair '{p.First}' × '{p.Second}' would be released more finely than promised at launch.");
            }
        }

        return proposed;
    }
}
