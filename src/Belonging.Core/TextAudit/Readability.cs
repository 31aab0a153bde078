namespace Belonging.Core.TextAudit;

/// <summary>Counts and readability scores of a text.</summary>
/// <param name="Sentences">Sentences, as retext-english (parse-english 7) segments them.</param>
/// <param name="Words">Words, likewise.</param>
/// <param name="Syllables">Sum over words of the npm <c>syllable</c> 5.0.1 count.</param>
public sealed record ReadabilityResult(int Sentences, int Words, int Syllables)
{
    /// <summary>
    /// Flesch reading ease: 206.835 − 1.015 × words/sentences − 84.6 × syllables/words (Flesch 1948; npm <c>flesch</c> 2.0.1).
    /// Higher is easier; 60–70 is plain English. NaN when there are no sentences, words or syllables (as upstream).
    /// </summary>
    public double FleschReadingEase => Sentences == 0 || Words == 0 || Syllables == 0
        ? double.NaN
        : 206.835 - (1.015 * Words / Sentences) - (84.6 * Syllables / Words);

    /// <summary>
    /// Flesch–Kincaid grade level: 0.39 × words/sentences + 11.8 × syllables/words − 15.59 (Kincaid et al. 1975; npm
    /// <c>flesch-kincaid</c> 2.0.1). A US school grade; may be negative for very simple text. NaN when there are no sentences or words.
    /// </summary>
    public double FleschKincaidGrade => Sentences == 0 || Words == 0
        ? double.NaN
        : (0.39 * Words / Sentences) + (11.8 * Syllables / Words) - 15.59;
}

/// <summary>
/// Readability of plain text and Markdown, reproducing the reference pipeline in <c>readability-reference.json</c>:
/// retext 9 (parse-english) sentence and word segmentation, npm <c>syllable</c> 5.0.1, <c>flesch</c> 2.0.1 and
/// <c>flesch-kincaid</c> 2.0.1; Markdown is first reduced to the text of its paragraphs, headings and table cells as
/// remark-parse 10 and mdast-util-to-string produce it (see <see cref="MarkdownText"/>).
/// </summary>
public static class Readability
{
    /// <summary>Counts and scores for plain text (parsed as one retext document).</summary>
    /// <param name="text">The text; empty gives zero counts and NaN scores.</param>
    /// <returns>The result.</returns>
    public static ReadabilityResult Analyse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (sentences, words) = EnglishTokenizer.Parse(text);
        return new ReadabilityResult(sentences, words.Count, words.Sum(Syllables.Count));
    }

    /// <summary>Counts and scores for Markdown: each paragraph, heading and table cell is parsed on its own and the counts are summed.</summary>
    /// <param name="markdown">The Markdown source.</param>
    /// <returns>The result.</returns>
    public static ReadabilityResult AnalyseMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        int sentences = 0, words = 0, syllables = 0;
        foreach (var block in MarkdownText.Blocks(markdown))
        {
            var (s, w) = EnglishTokenizer.Parse(block);
            sentences += s;
            words += w.Count;
            syllables += w.Sum(Syllables.Count);
        }

        return new ReadabilityResult(sentences, words, syllables);
    }
}
