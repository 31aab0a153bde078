namespace Belonging.Core.TextAudit;

/// <summary>How the text is written, which decides what counts as code or markup (never audited).</summary>
public enum TextKind
{
    /// <summary>Plain text (also text extracted from HTML, DOCX, PDF).</summary>
    PlainText = 1,

    /// <summary>Markdown: fenced and inline code, link targets and HTML comments are skipped.</summary>
    Markdown,
}

/// <summary>Kind of token.</summary>
internal enum TokenKind : byte
{
    Word,
    Symbol,
}

/// <summary>One token: a word (letters and digits, with inner apostrophes) or one of the symbols , / &amp;.</summary>
/// <param name="Start">Offset in the text.</param>
/// <param name="Length">Length in chars.</param>
/// <param name="Kind">Word or symbol.</param>
/// <param name="Sentence">Sentence index (0-based, increasing).</param>
/// <param name="Paragraph">Paragraph index (blank lines, headings and list items start a new one).</param>
/// <param name="StartsUnit">First word of a sentence, line, list item, heading, quote or parenthesis: its capital letter says nothing.</param>
/// <param name="Protected">Inside code, a URL, a link target or a law's name: never flagged.</param>
internal readonly record struct Token(int Start, int Length, TokenKind Kind, int Sentence, int Paragraph, bool StartsUnit, bool Protected)
{
    public int End => Start + Length;
}

/// <summary>A text cut into tokens once, with line starts for positions.</summary>
internal sealed class TokenizedText
{
    private static readonly HashSet<string> LawWords = new(StringComparer.Ordinal)
    {
        "Act", "Acts", "Law", "Laws", "Ordinance", "Code", "Regulation", "Regulations", "Directive", "Statute", "Statutes", "Bill", "Convention", "Amendment",
    };

    private static readonly HashSet<string> LawConnectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "and", "with", "for", "the", "on", "in", "to", "&", "at", "from",
    };

    private TokenizedText(string text, List<Token> tokens, List<int> lineStarts)
    {
        Text = text;
        Tokens = tokens;
        LineStarts = lineStarts;
    }

    public string Text { get; }

    public List<Token> Tokens { get; }

    public List<int> LineStarts { get; }

    public ReadOnlySpan<char> Span(in Token t) => Text.AsSpan(t.Start, t.Length);

    public (int Line, int Column) Position(int offset)
    {
        var index = LineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - LineStarts[index] + 1);
    }

    public static TokenizedText Create(string text, TextKind kind)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var zones = new bool[text.Length];
        if (kind == TextKind.Markdown)
        {
            MarkMarkdownZones(text, zones);
        }

        MarkUrls(text, zones);
        var tokens = Tokenize(text, zones);
        MarkLawNames(text, tokens);
        return new TokenizedText(text, tokens, lineStarts);
    }

    private static List<Token> Tokenize(string text, bool[] zones)
    {
        var tokens = new List<Token>(text.Length / 5);
        var sentence = 0;
        var paragraph = 0;
        var startsUnit = true;
        var i = 0;
        var lineStart = true;
        var newlines = 0;
        var sentenceEnd = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                i++;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (char.IsLetterOrDigit(d) || char.GetUnicodeCategory(d) == System.Globalization.UnicodeCategory.NonSpacingMark)
                    {
                        i++;
                    }
                    else if ((d == '\'' || d == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                    {
                        i += 2;
                    }
                    else
                    {
                        break;
                    }
                }

                if (sentenceEnd && tokens.Count > 0)
                {
                    sentence++;
                    startsUnit = true;
                }

                tokens.Add(new Token(start, i - start, TokenKind.Word, sentence, paragraph, startsUnit || lineStart, zones[start]));
                startsUnit = false;
                lineStart = false;
                newlines = 0;
                sentenceEnd = false;
                continue;
            }

            switch (c)
            {
                case '\n':
                    newlines++;
                    lineStart = true;
                    if (newlines >= 2 || StartsBlock(text, i + 1))
                    {
                        if (tokens.Count > 0 && tokens[^1].Paragraph == paragraph)
                        {
                            paragraph++;
                        }

                        sentenceEnd = true;
                    }

                    break;
                case '.' or '!' or '?' or '…':
                    if (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] is '"' or '”' or '’' or ')' or '*' or '_')
                    {
                        sentenceEnd = true;
                    }

                    break;
                case ',' or '/' or '&':
                    tokens.Add(new Token(i, 1, TokenKind.Symbol, sentence, paragraph, false, zones[i]));
                    break;
                case '"' or '“' or '”' or '‘' or '(' or '[' or ':' or ';' or '*' or '_' or '#' or '>' or '|' or '—' or '–':
                    startsUnit = true;
                    break;
                default:
                    if (!char.IsWhiteSpace(c) && c != '-' && c != '\'' && c != '’')
                    {
                        startsUnit = true;
                    }

                    break;
            }

            i++;
        }

        return tokens;
    }

    private static bool StartsBlock(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return true;
        }

        var c = text[i];
        if (c is '#' or '>' or '|')
        {
            return true;
        }

        if (c is '-' or '*' or '+' && i + 1 < text.Length && text[i + 1] == ' ')
        {
            return true;
        }

        var j = i;
        while (j < text.Length && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j > i && j + 1 < text.Length && text[j] is '.' or ')' && text[j + 1] == ' ';
    }

    private static void MarkMarkdownZones(string text, bool[] zones)
    {
        var i = 0;
        var inFence = false;
        var fence = '`';
        var previousBlank = true;
        var inList = false;
        var inIndentedCode = false;
        while (i < text.Length)
        {
            var lineEnd = text.IndexOf('\n', i);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var line = text.AsSpan(i, lineEnd - i);
            var trimmed = line.TrimStart();
            var blank = trimmed.IsWhiteSpace();
            var indented = !blank && (line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('\t'));
            var isFence = trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);

            // Indented code: four spaces (or a tab) after a blank line, outside a list (where indentation nests items).
            inIndentedCode = !inFence && indented && (inIndentedCode || (previousBlank && !inList));
            if (!blank && !indented)
            {
                inList = StartsBlock(text, i) && trimmed.Length > 1 && trimmed[0] is '-' or '*' or '+' or (>= '0' and <= '9');
            }

            previousBlank = blank;
            if (inIndentedCode)
            {
                Array.Fill(zones, true, i, lineEnd - i);
            }
            else if (inFence || isFence)
            {
                Array.Fill(zones, true, i, lineEnd - i);
                if (isFence && (!inFence || trimmed[0] == fence))
                {
                    inFence = !inFence;
                    fence = trimmed[0];
                }
            }
            else
            {
                MarkInline(text, i, lineEnd, zones);
            }

            i = lineEnd + 1;
        }

        var comment = 0;
        while ((comment = text.IndexOf("<!--", comment, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf("-->", comment + 4, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end + 3;
            Array.Fill(zones, true, comment, end - comment);
            comment = end;
        }
    }

    private static void MarkInline(string text, int start, int end, bool[] zones)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '`')
            {
                var run = 1;
                while (i + run < end && text[i + run] == '`')
                {
                    run++;
                }

                var close = FindRun(text, i + run, end, run);
                if (close >= 0)
                {
                    Array.Fill(zones, true, i, close + run - i);
                    i = close + run;
                    continue;
                }

                i += run;
                continue;
            }

            if (c == ']' && i + 1 < end && text[i + 1] == '(')
            {
                var close = text.IndexOf(')', i + 2, end - i - 2);
                if (close >= 0)
                {
                    Array.Fill(zones, true, i + 1, close - i);
                    i = close + 1;
                    continue;
                }
            }

            if (c == '<')
            {
                var close = text.IndexOf('>', i + 1, end - i - 1);
                if (close > i + 1 && !char.IsWhiteSpace(text[i + 1]))
                {
                    Array.Fill(zones, true, i, close + 1 - i);
                    i = close + 1;
                    continue;
                }
            }

            i++;
        }
    }

    private static int FindRun(string text, int from, int end, int run)
    {
        for (var j = from; j < end; j++)
        {
            if (text[j] != '`')
            {
                continue;
            }

            var k = j;
            while (k < end && text[k] == '`')
            {
                k++;
            }

            if (k - j == run)
            {
                return j;
            }

            j = k;
        }

        return -1;
    }

    private static void MarkUrls(string text, bool[] zones)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["http://", "https://", "www.", "mailto:"])
        {
            var i = 0;
            while ((i = text.IndexOf(prefix, i, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not (')' or '>' or '"' or '\'' or ']'))
                {
                    end++;
                }

                Array.Fill(zones, true, i, end - i);
                i = end;
            }
        }
    }

    /// <summary>Protects names of laws: a run of capitalised words (and connectors) ending in Act, Law, Ordinance, … ("Americans with Disabilities Act").</summary>
    private static void MarkLawNames(string text, List<Token> tokens)
    {
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Word || token.Length > 12 || !char.IsUpper(text[token.Start]) || !LawWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(token.Start, token.Length)))
            {
                continue;
            }

            var first = t;
            var capitalised = 0;
            for (var b = t - 1; b >= 0 && tokens[b].Sentence == token.Sentence; b--)
            {
                var word = text.AsSpan(tokens[b].Start, tokens[b].Length);
                if (char.IsUpper(word[0]))
                {
                    capitalised++;
                    first = b;
                }
                else if (!LawConnectors.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
                {
                    break;
                }

                if (!GapIsInline(text, tokens[b].End, tokens[b + 1].Start))
                {
                    break;
                }
            }

            if (capitalised == 0)
            {
                continue;
            }

            for (var p = first; p <= t; p++)
            {
                tokens[p] = tokens[p] with { Protected = true };
            }
        }
    }

    private static bool GapIsInline(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] is not (' ' or '"' or '“' or '”' or '\'' or '’' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }
}
