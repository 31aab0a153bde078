namespace Belonging.Core.TextAudit;

/// <summary>What a plain-language hint is about.</summary>
public enum PlainLanguageHintKind
{
    /// <summary>A sentence longer than the limit (default 30 words).</summary>
    LongSentence = 1,

    /// <summary>A form of "to be" followed by a past participle ("is required", "will be reviewed").</summary>
    PassiveVoice,

    /// <summary>Legal or corporate jargon with a plainer alternative (from the <c>plain-en</c> pack).</summary>
    Jargon,
}

/// <summary>One plain-language hint.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column (UTF-16 code units).</param>
/// <param name="Start">0-based offset.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Text">The text the hint is about (the whole sentence for <see cref="PlainLanguageHintKind.LongSentence"/>).</param>
/// <param name="Message">Plain advice.</param>
/// <param name="Suggestions">Alternatives, if any.</param>
public sealed record PlainLanguageHint(PlainLanguageHintKind Kind, int Line, int Column, int Start, int Length, string Text, string Message, IReadOnlyList<string> Suggestions);

/// <summary>
/// Sentence-level plain-language hints: long sentences, passive voice and jargon. These are advice, not findings: they
/// never count towards the audit's exit code. Passive voice is detected by a form of "be" (optionally followed by one
/// adverb ending in -ly or by "not") followed by a word ending in -ed or -en or an irregular past participle from a fixed
/// list; this over-reports adjectives such as "is interested" (a known limitation, shared with most style checkers).
/// </summary>
public static class PlainLanguage
{
    private static readonly HashSet<string> BeForms = new(StringComparer.OrdinalIgnoreCase) { "am", "is", "are", "was", "were", "be", "been", "being" };

    private static readonly HashSet<string> IrregularParticiples = new(StringComparer.OrdinalIgnoreCase)
    {
        "born", "brought", "built", "bought", "caught", "chosen", "done", "drawn", "found", "given", "held", "kept", "known", "laid",
        "led", "left", "lent", "lost", "made", "meant", "met", "paid", "put", "read", "run", "said", "seen", "sent", "set", "shown",
        "sold", "sought", "spent", "taken", "taught", "told", "thought", "understood", "won", "withheld", "written", "forbidden", "hidden",
    };

    private static readonly HashSet<string> NotParticiples = new(StringComparer.OrdinalIgnoreCase)
    {
        "need", "indeed", "seed", "speed", "feed", "greed", "bleed", "hundred", "kindred", "red", "bed", "shed", "often", "open", "even",
        "seven", "eleven", "ten", "then", "when", "garden", "children", "women", "men", "token", "kitchen", "heaven", "listen", "chicken",
        "able", "eligible", "entitled", "interested", "excited", "located", "based", "committed", "dedicated", "experienced", "qualified",
        "happen", "citizen", "often", "golden", "wooden", "sudden",
    };

    private static readonly Lazy<TextAuditor> Jargon = new(() =>
    {
        var pack = RulePackLoader.LoadBuiltIn("plain-en");
        return new TextAuditor([pack.IsSuccess ? pack.Value : throw new InvalidOperationException(pack.Error!.Message)]);
    });

    /// <summary>Finds hints in a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="kind">Markdown or plain text (code and URLs are skipped in Markdown).</param>
    /// <param name="maxSentenceWords">A sentence with more words than this gets a hint (default 30; must be at least 5).</param>
    /// <returns>Hints in text order (long-sentence hints first when they start at the same place).</returns>
    public static IReadOnlyList<PlainLanguageHint> Hints(string text, TextKind kind = TextKind.PlainText, int maxSentenceWords = 30)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSentenceWords, 5);
        var tokenized = TokenizedText.Create(text, kind);
        var words = tokenized.Tokens.Where(t => t.Kind == TokenKind.Word && !t.Protected).ToList();
        var hints = new List<PlainLanguageHint>();
        PlainLanguageHint Hint(PlainLanguageHintKind k, int start, int end, string message, IReadOnlyList<string> suggestions)
        {
            var (line, column) = tokenized.Position(start);
            return new PlainLanguageHint(k, line, column, start, end - start, text[start..end], message, suggestions);
        }

        foreach (var sentence in words.GroupBy(t => t.Sentence))
        {
            var list = sentence.ToList();
            if (list.Count > maxSentenceWords)
            {
                hints.Add(Hint(PlainLanguageHintKind.LongSentence, list[0].Start, list[^1].End,
                    $"This sentence has {list.Count} words. Sentences under {maxSentenceWords} words are easier to read, especially for people reading in a second language or with a screen reader.", ["split it into two or more sentences"]));
            }

            for (var i = 0; i < list.Count - 1; i++)
            {
                if (!BeForms.Contains(tokenized.Span(list[i]).ToString()))
                {
                    continue;
                }

                var j = i + 1;
                var next = tokenized.Span(list[j]).ToString();
                if ((next.EndsWith("ly", StringComparison.OrdinalIgnoreCase) || next.Equals("not", StringComparison.OrdinalIgnoreCase)) && j + 1 < list.Count)
                {
                    j++;
                    next = tokenized.Span(list[j]).ToString();
                }

                if (IsParticiple(next))
                {
                    hints.Add(Hint(PlainLanguageHintKind.PassiveVoice, list[i].Start, list[j].End,
                        "Passive voice hides who does what. Say who acts (\"we review requests\" rather than \"requests are reviewed\").", []));
                }
            }
        }

        foreach (var finding in Jargon.Value.Audit(text, "", kind))
        {
            hints.Add(new PlainLanguageHint(PlainLanguageHintKind.Jargon, finding.Line, finding.Column, finding.Start, finding.Length, finding.Text, finding.Explanation, finding.Suggestions));
        }

        return [.. hints.OrderBy(h => h.Start).ThenBy(h => h.Kind)];
    }

    private static bool IsParticiple(string word)
    {
        if (word.Length < 3 || NotParticiples.Contains(word))
        {
            return false;
        }

        return IrregularParticiples.Contains(word)
            || word.EndsWith("ed", StringComparison.OrdinalIgnoreCase)
            || (word.EndsWith("en", StringComparison.OrdinalIgnoreCase) && word.Length > 4);
    }
}
