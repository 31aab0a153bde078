namespace Belonging.Core.Privacy;

/// <summary>
/// Where a stored comment says it came from. A comment keeps only the smallest unit around its author's leaf unit
/// whose subtree holds at least k_c authors of comments on the same question (the root when none does), so that
/// nobody holding the database and the roster can narrow a comment's author to fewer than k_c people by its unit.
/// </summary>
public static class CommentPlacement
{
    /// <summary>Places each comment.</summary>
    /// <param name="parentOf">The frozen unit tree: each unit's parent (null for the root).</param>
    /// <param name="comments">Each comment's author leaf unit, question, and author (any value distinct per respondent).</param>
    /// <param name="commentK">k_c, at least <see cref="MinimumGroupRule.Floor"/>.</param>
    /// <returns>The unit to store for each comment, in input order.</returns>
    public static IReadOnlyList<string> Place(IReadOnlyDictionary<string, string?> parentOf, IReadOnlyList<(string Leaf, int Item, int Author)> comments, int commentK)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        ArgumentNullException.ThrowIfNull(comments);
        ArgumentOutOfRangeException.ThrowIfLessThan(commentK, MinimumGroupRule.Floor);
        var authors = new Dictionary<(string Unit, int Item), HashSet<int>>();
        foreach (var (leaf, item, author) in comments)
        {
            foreach (var unit in UpFrom(parentOf, leaf))
            {
                if (!authors.TryGetValue((unit, item), out var set))
                {
                    authors[(unit, item)] = set = [];
                }

                set.Add(author);
            }
        }

        var placed = new string[comments.Count];
        for (var i = 0; i < comments.Count; i++)
        {
            var (leaf, item, _) = comments[i];
            var chain = UpFrom(parentOf, leaf).ToList();
            placed[i] = chain.FirstOrDefault(u => authors[(u, item)].Count >= commentK) ?? chain[^1];
        }

        return placed;
    }

    private static IEnumerable<string> UpFrom(IReadOnlyDictionary<string, string?> parentOf, string leaf)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? u = leaf; u is not null && seen.Add(u); u = parentOf.TryGetValue(u, out var p) ? p : null)
        {
            yield return u;
        }
    }
}
