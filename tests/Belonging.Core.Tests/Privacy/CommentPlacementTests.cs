using Belonging.Core.Privacy;

namespace Belonging.Core.Tests.Privacy;

public sealed class CommentPlacementTests
{
    private static readonly Dictionary<string, string?> Tree = new(StringComparer.Ordinal)
    {
        ["org"] = null, ["a"] = "org", ["a1"] = "a", ["a2"] = "a", ["b"] = "org",
    };

    [Fact]
    public void Place_SmallTeamsAndQuestions_EachCommentAtSmallestUnitWithKcAuthorsOnThatQuestion()
    {
        // Question 1: three authors in a1, two in a2 (a has five), one in b. Question 2: one author in a1.
        var comments = new List<(string, int, int)>
        {
            ("a1", 1, 0), ("a1", 1, 1), ("a1", 1, 2), ("a2", 1, 3), ("a2", 1, 4), ("b", 1, 5), ("a1", 2, 0),
        };

        var placed = CommentPlacement.Place(Tree, comments, commentK: 5);

        Assert.Equal(["a", "a", "a", "a", "a", "org", "org"], placed);
    }

    [Fact]
    public void Place_OneAuthorManyComments_CountsPeopleNotComments()
    {
        var comments = Enumerable.Range(0, 6).Select(_ => ("a1", 1, 7)).ToList();

        Assert.All(CommentPlacement.Place(Tree, comments, commentK: 5), u => Assert.Equal("org", u));
    }
}
