namespace Belonging.Core.TextAudit;

/// <summary>The verdict of <see cref="GenderCodedWording"/>, in gender-decoder's own words.</summary>
public enum GenderCoding
{
    /// <summary>No coded words at all ("empty").</summary>
    Empty = 0,

    /// <summary>Equal, non-zero counts ("neutral").</summary>
    Neutral,

    /// <summary>feminine − masculine between 1 and 3 ("feminine-coded").</summary>
    Feminine,

    /// <summary>feminine − masculine above 3 ("strongly feminine-coded").</summary>
    StronglyFeminine,

    /// <summary>feminine − masculine between −3 and −1 ("masculine-coded").</summary>
    Masculine,

    /// <summary>feminine − masculine below −3 ("strongly masculine-coded").</summary>
    StronglyMasculine,
}

/// <summary>Masculine- and feminine-coded words found in a text, and the resulting verdict.</summary>
/// <param name="MasculineWords">Each masculine-coded word as cleaned (lower case), once per stem it starts with, in text order.</param>
/// <param name="FeminineWords">Each feminine-coded word likewise.</param>
/// <param name="Coding">The verdict.</param>
public sealed record GenderCodedResult(IReadOnlyList<string> MasculineWords, IReadOnlyList<string> FeminineWords, GenderCoding Coding)
{
    /// <summary>Number of masculine-coded words (with repeats).</summary>
    public int MasculineCount => MasculineWords.Count;

    /// <summary>Number of feminine-coded words (with repeats).</summary>
    public int FeminineCount => FeminineWords.Count;

    /// <summary>The verdict as gender-decoder prints it, e.g. "strongly masculine-coded".</summary>
    public string CodingLabel => Coding switch
    {
        GenderCoding.Empty => "empty",
        GenderCoding.Neutral => "neutral",
        GenderCoding.Feminine => "feminine-coded",
        GenderCoding.StronglyFeminine => "strongly feminine-coded",
        GenderCoding.Masculine => "masculine-coded",
        GenderCoding.StronglyMasculine => "strongly masculine-coded",
        _ => throw new InvalidOperationException("Unknown coding."),
    };
}

/// <summary>
/// Gender-coded wording in job ads: reproduces gender-decoder (Kat Matfield, https://github.com/lovedaybrooke/gender-decoder,
/// <c>app/models.py</c> and <c>app/wordlists.py</c> at commit 73724e6b428713f0df7d7e2e226aec4769eeb0db, MIT), which implements
/// the word lists of Gaucher, Friesen &amp; Kay (2011), J. Personality and Social Psychology 101(1):109-128.
/// </summary>
/// <remarks>
/// Cleaning, exactly as upstream: every non-ASCII character becomes a space; the characters
/// <c>. tab , “ ” ‘ ’ &lt; &gt; * ? ! " [ ] @ ' : ; ( ) / &amp;</c> and all whitespace become spaces; the text is split on spaces
/// and lower-cased (invariant culture); a word containing a hyphen (not at its start) is split at its hyphens unless it starts
/// with one of the hyphenated coded stems ("co-operat", "self-confiden", …). A word is counted once for every stem it starts
/// with (so "dominant" counts twice: "domina" and "dominant"), unless it is an exception ("sharepoint").
/// Score = feminine − masculine: 0 is "neutral" when there are feminine words, otherwise "empty"; above 3 strongly feminine;
/// 1..3 feminine; −1..−3 masculine; below −3 strongly masculine.
/// </remarks>
public static class GenderCodedWording
{
    /// <summary>Feminine-coded stems (gender-decoder <c>feminine_coded_words</c>, 50 stems).</summary>
    public static IReadOnlyList<string> FeminineStems { get; } =
    [
        "agree", "affectionate", "child", "cheer", "collab", "commit", "communal", "compassion", "connect", "considerate",
        "cooperat", "co-operat", "depend", "emotiona", "empath", "feel", "flatterable", "gentle", "honest", "interpersonal",
        "interdependen", "interpersona", "inter-personal", "inter-dependen", "inter-persona", "kind", "kinship", "loyal",
        "modesty", "nag", "nurtur", "pleasant", "polite", "quiet", "respon", "sensitiv", "submissive", "support", "sympath",
        "tender", "together", "trust", "understand", "warm", "whin", "enthusias", "inclusive", "yield", "share", "sharin",
    ];

    /// <summary>Masculine-coded stems (gender-decoder <c>masculine_coded_words</c>, 52 stems).</summary>
    public static IReadOnlyList<string> MasculineStems { get; } =
    [
        "active", "adventurous", "aggress", "ambitio", "analy", "assert", "athlet", "autonom", "battle", "boast", "challeng",
        "champion", "compet", "confident", "courag", "decid", "decision", "decisive", "defend", "determin", "domina", "dominant",
        "driven", "fearless", "fight", "force", "greedy", "head-strong", "headstrong", "hierarch", "hostil", "impulsive",
        "independen", "individual", "intellect", "lead", "logic", "objective", "opinion", "outspoken", "persist", "principle",
        "reckless", "self-confiden", "self-relian", "self-sufficien", "selfconfiden", "selfrelian", "selfsufficien", "stubborn",
        "superior", "unreasonab",
    ];

    /// <summary>Stems that keep their hyphen (gender-decoder <c>hyphenated_coded_words</c>).</summary>
    public static IReadOnlyList<string> HyphenatedStems { get; } =
        ["co-operat", "inter-personal", "inter-dependen", "inter-persona", "self-confiden", "self-relian", "self-sufficien"];

    /// <summary>Words never counted although they start with a stem (gender-decoder <c>non_coded_exceptions</c>).</summary>
    public static IReadOnlyList<string> Exceptions { get; } = ["sharepoint"];

    /// <summary>Scores a text.</summary>
    /// <param name="text">The job ad or policy text (any length; empty gives <see cref="GenderCoding.Empty"/>).</param>
    /// <returns>Coded words and verdict.</returns>
    public static GenderCodedResult Analyse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masculine = new List<string>();
        var feminine = new List<string>();
        foreach (var word in Words(text))
        {
            if (Exceptions.Contains(word, StringComparer.Ordinal))
            {
                continue;
            }

            masculine.AddRange(MasculineStems.Where(s => word.StartsWith(s, StringComparison.Ordinal)).Select(_ => word));
            feminine.AddRange(FeminineStems.Where(s => word.StartsWith(s, StringComparison.Ordinal)).Select(_ => word));
        }

        var score = feminine.Count - masculine.Count;
        var coding = score switch
        {
            0 => feminine.Count > 0 ? GenderCoding.Neutral : GenderCoding.Empty,
            > 3 => GenderCoding.StronglyFeminine,
            > 0 => GenderCoding.Feminine,
            < -3 => GenderCoding.StronglyMasculine,
            _ => GenderCoding.Masculine,
        };
        return new GenderCodedResult(masculine, feminine, coding);
    }

    private static IEnumerable<string> Words(string text)
    {
        var cleaned = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c >= 128 || char.IsWhiteSpace(c) || c is '.' or ',' or '<' or '>' or '*' or '?' or '!' or '"' or '[' or ']' or '@' or '\'' or ':' or ';' or '(' or ')' or '/' or '&'
                    ? ' '
                    : c;
            }
        });
        foreach (var raw in cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.ToLowerInvariant();
            if (word.IndexOf('-', StringComparison.Ordinal) > 0 && !HyphenatedStems.Any(s => word.StartsWith(s, StringComparison.Ordinal)))
            {
                foreach (var part in word.Split('-'))
                {
                    yield return part;
                }
            }
            else
            {
                yield return word;
            }
        }
    }
}
