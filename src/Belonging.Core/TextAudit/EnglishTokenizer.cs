using System.Globalization;
using System.Text.RegularExpressions;

namespace Belonging.Core.TextAudit;

/// <summary>
/// Sentence and word segmentation ported from <c>parse-latin</c> 7.0.0 and <c>parse-english</c> 7.0.0 (Titus Wormer, MIT;
/// the parser behind retext 9): the same character classes, the same tokenizer and the same merge plugins, run in the
/// same order, over the same iteration semantics (<c>array-iterate</c>). Only the counts are kept, not positions.
/// </summary>
internal static class EnglishTokenizer
{
    private static readonly HashSet<string> PrefixAbbreviations = new(StringComparer.Ordinal)
    {
        "al", "ca", "cap", "cca", "cent", "cf", "cit", "con", "cp", "cwt", "ead", "etc", "ff", "fl", "ibid", "id", "nem", "op", "pro", "seq", "sic", "stat", "tem", "viz",
    };

    // parse-english 7.0.0 lib/regex.js `abbreviations` (tested on the lower-cased word) and `abbreviationsSensitive`, verbatim.
    private static readonly Regex EnglishAbbreviations = new(@"^(t(?:hurs|bsp|sp)|s(?:e(?:pt|c)|q)|(?:tue|bbl|yd)s|thu|sep|tue|bbl|nov|aug|ju[ln]|(?:ap|h)r|(?:ja|su)n|m(?:ar|on|in)|(?:sa|oc|[kpq])t|g(?:ro|al)|f(?:eb|ri|[lt])|d(?:ec|oz)|wed|l(?:bs|td)|inc?|mi|gr|yd|lb|oz|cu)$", RegexOptions.CultureInvariant);

    private static readonly Regex SensitiveAbbreviations = new(@"^((?:Northant|Derby|S(?:hrop|taff)|W(?:ark|orc)|L(?:in|ei|an)c|C(?:amb|he)|Trea|York|B(?:uck|e(?:rk|d))|(?:Not|Wil)t|H(?:er|[au]n)t|Glo|Pre)s|Northumb|N(?:or(?:thd|f)|e(?:br|v)|atl)|M(?:(?:essr|as|se)s|i(?:ddx|nn|ch|ss)|ont|lle|s(?:gr|s)|ddx|(?:me|r)s?|a[jn]|ex|gr|o|d|e|s|[tx])?|Heref|P(?:enna|[ahot])|D(?:e(?:rbs|[lv])|r)|Westm|(?:Cali|Pro)f|S(?:a(?:lop|sk)|uff|om|e[cn]|[qrxy])|(?:Bldg|Kan)s?|Here|P(?:enn?|k)|St(?:af)?|W(?:isc|arw|yo)|C(?:umb|olo)|B(?:lvd|rig)|(?:Ok|F)la|(?:Pk|[FH])wy|A(?:r(?:iz|k)|lt?a|tty|m[bd])|(?:Cap|S(?:up|g)|On|Ru|U)t|(?:Ter|Cd|D[ou]|Sn|J)r|(?:Oxo|Co[nr]|Ten|Ke|Ge|Ho)n|Wash|N(?:eb|at)|W(?:is|ar|o)|C(?:al|ol?)|Qu[e\u00E9]|I(?:ll|a)|Tex|G(?:ov|a)|Ind|R(?:te|e[pv]|d)|Ida|(?:Yu|Da)k|(?:Or|Av)e|Ssx|Ok|La|Br|Rt|Id|V[at]|Ky|Lt|F[rt])$", RegexOptions.CultureInvariant);

    /// <summary>Words and sentences in <paramref name="text"/>, as retext-english counts WordNode and SentenceNode.</summary>
    /// <returns>Sentence count and the words (their text) in order.</returns>
    public static (int Sentences, List<string> Words) Parse(string text)
    {
        var tokens = Tokenize(text);
        var sentence = new Node(NodeType.Sentence, tokens);
        SentencePlugins(sentence);
        var paragraph = new Node(NodeType.Paragraph, Split(sentence.Children, NodeType.Sentence, n => n.Type == NodeType.Punctuation && IsTerminalMarker(n.Text)));
        ParagraphPlugins(paragraph);
        var sentences = 0;
        var words = new List<string>();
        foreach (var child in paragraph.Children)
        {
            if (child.Type != NodeType.Sentence)
            {
                continue;
            }

            sentences++;
            words.AddRange(child.Children.Where(n => n.Type == NodeType.Word).Select(n => n.Text));
        }

        return (sentences, words);
    }

    private enum NodeType
    {
        Word,
        Punctuation,
        Symbol,
        WhiteSpace,
        Text,
        Sentence,
        Paragraph,
    }

    private sealed class Node
    {
        private readonly string? value;

        public Node(NodeType type, string value)
        {
            Type = type;
            this.value = value;
            Children = [];
        }

        public Node(NodeType type, List<Node> children)
        {
            Type = type;
            Children = children;
        }

        public NodeType Type { get; }

        public List<Node> Children { get; set; }

        public bool HasChildren => Type is NodeType.Word or NodeType.Sentence or NodeType.Paragraph;

        public string Text => value ?? string.Concat(Children.Select(c => c.Text));
    }

    private static bool IsWhiteSpace(char c) => c is >= '\t' and <= '\r' or ' ' or '\u0085' or '\u00A0' or '\u1680' or >= '\u2000' and <= '\u200A' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000';

    private static bool IsPunctuation(char c)
    {
        if (c is '#' or '&' or '@' or '%' or '‰' or '‱' or '*' or '†' or '‡' or '※')
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.OtherPunctuation or UnicodeCategory.OpenPunctuation;
    }

    private static bool IsWordChar(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
        or UnicodeCategory.OtherNumber;

    private static bool IsTerminalMarker(string value) => value.Length > 0 && value.All(c => c is '.' or '!' or '?' or '…' or '‽');

    private static bool IsWordSymbolInner(string value) =>
        (value.Length == 1 && value[0] is '&' or '\'' or '-' or '.' or ':' or '=' or '?' or '@' or '\u00AD' or '\u00B7' or '\u2010' or '\u2011' or '\u2019' or '\u2027')
        || (value.Length > 0 && value.All(c => c == '_'));

    private static bool IsAffixSymbol(string value)
    {
        if (value.Length == 0 || value.Any(c => c != value[0]))
        {
            return false;
        }

        var c = value[0];
        return c is '"' or '\'' or '.' or '!' or '?' or '…' or '‽'
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ClosePunctuation or UnicodeCategory.FinalQuotePunctuation;
    }

    private static bool IsNumerical(string value) => value.Length > 0 && value.All(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber);

    private static bool IsLowerInitial(string value) => value.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(value[0]) == UnicodeCategory.LowercaseLetter;

    private static bool IsNewLine(string value)
    {
        // /^[ \t]*((\r?\n|\r)[\t ]*)+$/
        var sawBreak = false;
        foreach (var c in value)
        {
            if (c is '\n' or '\r')
            {
                sawBreak = true;
            }
            else if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return sawBreak;
    }

    private static bool IsSymbolOrPunctuation(Node n) => n.Type is NodeType.Symbol or NodeType.Punctuation;

    private static List<Node> Tokenize(string value)
    {
        var children = new List<Node>();
        if (value.Length == 0)
        {
            return children;
        }

        var from = 0;
        NodeType? previousType = null;
        var previous = '\0';
        for (var index = 0; index < value.Length; index++)
        {
            var current = value[index];
            var currentType = IsWhiteSpace(current) ? NodeType.WhiteSpace : IsPunctuation(current) ? NodeType.Punctuation : IsWordChar(current) ? NodeType.Word : NodeType.Symbol;
            if (from < index && previousType is { } pt
                && !(pt == currentType && (pt is NodeType.Word or NodeType.WhiteSpace || current == previous || char.IsSurrogate(current))))
            {
                children.Add(Create(pt, value[from..index]));
                from = index;
            }

            previousType = currentType;
            previous = current;
        }

        if (previousType is { } last && from < value.Length)
        {
            children.Add(Create(last, value[from..]));
        }

        return children;

        static Node Create(NodeType type, string text) =>
            type == NodeType.Word ? new Node(NodeType.Word, [new Node(NodeType.Text, text)]) : new Node(type, text);
    }

    private static List<Node> Split(List<Node> children, NodeType parentType, Func<Node, bool> isBoundary)
    {
        var result = new List<Node>();
        var start = 0;
        for (var index = 0; index < children.Count; index++)
        {
            if (index == children.Count - 1 || isBoundary(children[index]))
            {
                result.Add(new Node(parentType, children.GetRange(start, index + 1 - start)));
                start = index + 1;
            }
        }

        return result;
    }

    /// <summary>array-iterate: a returned number moves the index there (negative → start again at 0).</summary>
    private static void Modify(Node parent, Func<Node, int, Node, int?> modifier)
    {
        var index = -1;
        while (++index < parent.Children.Count)
        {
            var result = modifier(parent.Children[index], index, parent);
            if (result is { } r)
            {
                index = r < 0 ? -1 : r - 1;
            }
        }
    }

    private static void Visit(Node parent, Action<Node, int, Node> visitor)
    {
        var index = -1;
        while (++index < parent.Children.Count)
        {
            visitor(parent.Children[index], index, parent);
        }
    }

    private static void SentencePlugins(Node sentence)
    {
        Visit(sentence, MergeEnglishElisionExceptions);
        Modify(sentence, MergeInitialWordSymbol);
        Modify(sentence, MergeFinalWordSymbol);
        Modify(sentence, MergeInnerWordSymbol);
        Modify(sentence, MergeInnerWordSlash);
        Modify(sentence, MergeInitialisms);
    }

    private static void ParagraphPlugins(Node paragraph)
    {
        Modify(paragraph, MergeEnglishPrefixExceptions);
        Modify(paragraph, MergeNonWordSentences);
        Modify(paragraph, MergeAffixSymbol);
        Modify(paragraph, MergeInitialLowerCaseLetterSentences);
        Modify(paragraph, MergeInitialDigitSentences);
        Modify(paragraph, MergePrefixExceptions);
        Modify(paragraph, MergeAffixExceptions);
        Visit(paragraph, MergeRemainingFullStops);
        Visit(paragraph, MakeInitialWhiteSpaceSiblings);
        Modify(paragraph, MakeFinalWhiteSpaceSiblings);
        Modify(paragraph, BreakImplicitSentences);
        Modify(paragraph, RemoveEmptyNodes);
    }

    private static void MergeEnglishElisionExceptions(Node child, int index, Node sentence)
    {
        if (!IsSymbolOrPunctuation(child))
        {
            return;
        }

        var siblings = sentence.Children;
        var length = siblings.Count;
        var value = child.Text;
        if (value == "/")
        {
            if (index > 0 && siblings[index - 1] is { Type: NodeType.Word } sibling && string.Equals(sibling.Text, "w", StringComparison.OrdinalIgnoreCase))
            {
                siblings.RemoveAt(index);
                sibling.Children.Add(child);
            }
        }
        else if (value is "'" or "’")
        {
            if (index > 2 && index < length - 1 && siblings[index - 1].Type == NodeType.Word && siblings[index - 2].Type == NodeType.WhiteSpace
                && siblings[index + 1].Type == NodeType.WhiteSpace && siblings[index - 1].Text.ToLowerInvariant() is "o" or "ol")
            {
                siblings.RemoveAt(index);
                siblings[index - 1].Children.Add(child);
                return;
            }

            if (index != length - 1 && siblings[index + 1].Type == NodeType.Word && (index == 0 || siblings[index - 1].Type != NodeType.Word))
            {
                var next = siblings[index + 1];
                var lower = next.Text.ToLowerInvariant();
                var other = index + 2 < siblings.Count ? siblings[index + 2] : null;
                if (IsElisionAffix(lower))
                {
                    siblings.RemoveAt(index);
                    next.Children.Insert(0, child);
                }
                else if (lower == "n" && other is { Type: NodeType.Punctuation } && other.Text is "'" or "’")
                {
                    siblings.RemoveAt(index);
                    siblings.RemoveAt(index + 1);
                    next.Children.Insert(0, child);
                    next.Children.Add(other);
                }
            }
        }
    }

    // /^(t(?:were|(?:wa|i)s)|cause|e[mr]|im|\d\ds?)$/
    private static bool IsElisionAffix(string value) =>
        value is "twere" or "twas" or "tis" or "cause" or "em" or "er" or "im"
        || (value.Length is 2 or 3 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) && (value.Length == 2 || value[2] == 's'));

    private static int? MergeInitialWordSymbol(Node child, int index, Node parent)
    {
        if (!IsSymbolOrPunctuation(child) || child.Text != "&")
        {
            return null;
        }

        var children = parent.Children;
        var next = index + 1 < children.Count ? children[index + 1] : null;
        if ((index > 0 && children[index - 1].Type == NodeType.Word) || next is not { Type: NodeType.Word })
        {
            return null;
        }

        children.RemoveAt(index);
        next.Children.Insert(0, child);
        return index - 1;
    }

    private static int? MergeFinalWordSymbol(Node child, int index, Node parent)
    {
        if (index > 0 && IsSymbolOrPunctuation(child) && child.Text == "-")
        {
            var children = parent.Children;
            var previous = children[index - 1];
            var next = index + 1 < children.Count ? children[index + 1] : null;
            if (next is not { Type: NodeType.Word } && previous.Type == NodeType.Word)
            {
                children.RemoveAt(index);
                previous.Children.Add(child);
                return index;
            }
        }

        return null;
    }

    private static int? MergeInnerWordSymbol(Node child, int index, Node parent)
    {
        if (index > 0 && IsSymbolOrPunctuation(child))
        {
            var siblings = parent.Children;
            var previous = siblings[index - 1];
            if (previous.Type == NodeType.Word)
            {
                var position = index - 1;
                var tokens = new List<Node>();
                var queue = new List<Node>();
                while (++position < siblings.Count)
                {
                    var sibling = siblings[position];
                    if (sibling.Type == NodeType.Word)
                    {
                        tokens.AddRange(queue);
                        tokens.AddRange(sibling.Children);
                        queue.Clear();
                    }
                    else if (IsSymbolOrPunctuation(sibling) && IsWordSymbolInner(sibling.Text))
                    {
                        queue.Add(sibling);
                    }
                    else
                    {
                        break;
                    }
                }

                if (tokens.Count > 0)
                {
                    if (queue.Count > 0)
                    {
                        position -= queue.Count;
                    }

                    siblings.RemoveRange(index, position - index);
                    previous.Children.AddRange(tokens);
                    return index;
                }
            }
        }

        return null;
    }

    private static int? MergeInnerWordSlash(Node child, int index, Node parent)
    {
        var siblings = parent.Children;
        var previous = index > 0 ? siblings[index - 1] : null;
        if (previous is { Type: NodeType.Word } && IsSymbolOrPunctuation(child) && child.Text == "/")
        {
            var previousValue = previous.Text;
            var queue = new List<Node> { child };
            var count = 1;
            var nextValue = "";
            var next = index + 1 < siblings.Count ? siblings[index + 1] : null;
            if (next is { Type: NodeType.Word })
            {
                nextValue = next.Text;
                queue.AddRange(next.Children);
                count++;
            }

            if (previousValue.Length < 3 && (nextValue.Length == 0 || nextValue.Length < 3))
            {
                previous.Children.AddRange(queue);
                siblings.RemoveRange(index, count);
                return index;
            }
        }

        return null;
    }

    private static int? MergeInitialisms(Node child, int index, Node parent)
    {
        if (index > 0 && child.Type == NodeType.Punctuation && child.Text == ".")
        {
            var previous = parent.Children[index - 1];
            if (previous.Type == NodeType.Word && previous.Children.Count != 1 && previous.Children.Count % 2 != 0)
            {
                var position = previous.Children.Count;
                var isAllDigits = true;
                while (--position >= 0)
                {
                    var value = previous.Children[position].Text;
                    if (position % 2 == 0)
                    {
                        if (value.Length > 1)
                        {
                            return null;
                        }

                        if (!IsNumerical(value))
                        {
                            isAllDigits = false;
                        }
                    }
                    else if (value != ".")
                    {
                        if (position < previous.Children.Count - 2)
                        {
                            break;
                        }

                        return null;
                    }
                }

                if (!isAllDigits)
                {
                    parent.Children.RemoveAt(index);
                    previous.Children.Add(child);
                    return index;
                }
            }
        }

        return null;
    }

    private static int? MergeEnglishPrefixExceptions(Node sentence, int index, Node paragraph)
    {
        if (!sentence.HasChildren || sentence.Children.Count < 2)
        {
            return null;
        }

        var period = sentence.Children[^1];
        var word = sentence.Children[^2];
        if (period.Type == NodeType.Punctuation && period.Text == "." && word.Type == NodeType.Word)
        {
            var value = word.Text;
            if (EnglishAbbreviations.IsMatch(value.ToLowerInvariant()) || IsSensitiveAbbreviation(value))
            {
                word.Children.Add(period);
                sentence.Children.RemoveAt(sentence.Children.Count - 1);
                if (index + 1 < paragraph.Children.Count && paragraph.Children[index + 1] is { Type: NodeType.Sentence } next)
                {
                    sentence.Children.AddRange(next.Children);
                    paragraph.Children.RemoveAt(index + 1);
                    return index - 1;
                }
            }
        }

        return null;
    }

    private static int? MergeNonWordSentences(Node child, int index, Node parent)
    {
        if (!child.HasChildren || child.Children.Any(c => c.Type == NodeType.Word))
        {
            return null;
        }

        var previous = index > 0 ? parent.Children[index - 1] : null;
        if (previous is { HasChildren: true })
        {
            previous.Children.AddRange(child.Children);
            parent.Children.RemoveAt(index);
            return index;
        }

        var next = index + 1 < parent.Children.Count ? parent.Children[index + 1] : null;
        if (next is { HasChildren: true })
        {
            next.Children.InsertRange(0, child.Children);
            parent.Children.RemoveAt(index);
        }

        return null;
    }

    private static int? MergeAffixSymbol(Node child, int index, Node parent)
    {
        if (child.HasChildren && child.Children.Count > 0 && index > 0)
        {
            var previous = parent.Children[index - 1];
            var first = child.Children[0];
            if (previous.Type == NodeType.Sentence && IsSymbolOrPunctuation(first) && IsAffixSymbol(first.Text))
            {
                child.Children.RemoveAt(0);
                previous.Children.Add(first);
                return index - 1;
            }
        }

        return null;
    }

    private static int? MergeInitialLowerCaseLetterSentences(Node child, int index, Node parent)
    {
        if (child.Type == NodeType.Sentence && index > 0)
        {
            var previous = parent.Children[index - 1];
            var children = child.Children;
            if (children.Count > 0 && previous.Type == NodeType.Sentence)
            {
                foreach (var node in children)
                {
                    if (node.Type == NodeType.Word)
                    {
                        if (!IsLowerInitial(node.Text))
                        {
                            return null;
                        }

                        previous.Children.AddRange(children);
                        parent.Children.RemoveAt(index);
                        return index;
                    }

                    if (IsSymbolOrPunctuation(node))
                    {
                        return null;
                    }
                }
            }
        }

        return null;
    }

    private static int? MergeInitialDigitSentences(Node child, int index, Node parent)
    {
        var previous = index > 0 ? parent.Children[index - 1] : null;
        if (previous is { Type: NodeType.Sentence } && child.Type == NodeType.Sentence)
        {
            var head = child.Children.Count > 0 ? child.Children[0] : null;
            if (head is { Type: NodeType.Word } && head.Text.Length > 0 && char.IsAsciiDigit(head.Text[0]))
            {
                previous.Children.AddRange(child.Children);
                parent.Children.RemoveAt(index);
                return index;
            }
        }

        return null;
    }

    private static int? MergePrefixExceptions(Node child, int index, Node parent)
    {
        if (child.HasChildren && child.Children.Count > 1)
        {
            var period = child.Children[^1];
            if (IsSymbolOrPunctuation(period) && period.Text == ".")
            {
                var node = child.Children[^2];
                if (node.Type == NodeType.Word && IsPrefixAbbreviation(node.Text.ToLowerInvariant()))
                {
                    node.Children.Add(period);
                    child.Children.RemoveAt(child.Children.Count - 1);
                    if (index + 1 < parent.Children.Count && parent.Children[index + 1] is { Type: NodeType.Sentence } next)
                    {
                        child.Children.AddRange(next.Children);
                        parent.Children.RemoveAt(index + 1);
                        return index - 1;
                    }
                }
            }
        }

        return null;
    }

    private static bool IsPrefixAbbreviation(string value) =>
        (value.Length is >= 1 and <= 3 && value.All(char.IsAsciiDigit)) || (value.Length == 1 && value[0] is >= 'a' and <= 'z') || PrefixAbbreviations.Contains(value);

    private static int? MergeAffixExceptions(Node child, int index, Node parent)
    {
        var previous = index > 0 ? parent.Children[index - 1] : null;
        if (previous is { HasChildren: true } && child.HasChildren && child.Children.Count > 0)
        {
            foreach (var node in child.Children)
            {
                if (node.Type == NodeType.Word)
                {
                    return null;
                }

                if (IsSymbolOrPunctuation(node))
                {
                    if (node.Text is not ("," or ";"))
                    {
                        return null;
                    }

                    previous.Children.AddRange(child.Children);
                    parent.Children.RemoveAt(index);
                    return index;
                }
            }
        }

        return null;
    }

    private static void MergeRemainingFullStops(Node child, int index, Node parent)
    {
        if (!child.HasChildren)
        {
            return;
        }

        var children = child.Children;
        var position = children.Count;
        var hasFoundDelimiter = false;
        while (--position >= 0)
        {
            if (position >= children.Count)
            {
                continue;
            }

            var grandchild = children[position];
            if (!IsSymbolOrPunctuation(grandchild))
            {
                if (grandchild.Type == NodeType.Word)
                {
                    hasFoundDelimiter = true;
                }

                continue;
            }

            if (!IsTerminalMarker(grandchild.Text))
            {
                continue;
            }

            if (!hasFoundDelimiter)
            {
                hasFoundDelimiter = true;
                continue;
            }

            if (grandchild.Text != ".")
            {
                continue;
            }

            var previous = position > 0 ? children[position - 1] : null;
            var next = position + 1 < children.Count ? children[position + 1] : null;
            if (previous is { Type: NodeType.Word })
            {
                var nextNext = position + 2 < children.Count ? children[position + 2] : null;
                if (next is { Type: NodeType.WhiteSpace } && nextNext is not null && nextNext.Text == ".")
                {
                    continue;
                }

                children.RemoveAt(position);
                previous.Children.Add(grandchild);
                position--;
            }
            else if (next is { Type: NodeType.Word })
            {
                children.RemoveAt(position);
                next.Children.Insert(0, grandchild);
            }
        }
    }

    private static void MakeInitialWhiteSpaceSiblings(Node child, int index, Node parent)
    {
        if (child.HasChildren && child.Children.Count > 0 && child.Children[0].Type == NodeType.WhiteSpace)
        {
            var head = child.Children[0];
            child.Children.RemoveAt(0);
            parent.Children.Insert(index, head);
        }
    }

    private static int? MakeFinalWhiteSpaceSiblings(Node child, int index, Node parent)
    {
        if (child.HasChildren && child.Children.Count > 0 && child.Children[^1].Type == NodeType.WhiteSpace)
        {
            var tail = child.Children[^1];
            child.Children.RemoveAt(child.Children.Count - 1);
            parent.Children.Insert(index + 1, tail);
            return index;
        }

        return null;
    }

    private static int? BreakImplicitSentences(Node child, int index, Node parent)
    {
        if (child.Type != NodeType.Sentence)
        {
            return null;
        }

        var children = child.Children;
        var position = 0;
        while (++position < children.Count - 1)
        {
            var node = children[position];
            if (node.Type != NodeType.WhiteSpace || LineCount(node.Text) < 3)
            {
                continue;
            }

            child.Children = children.GetRange(0, position);
            var insertion = new Node(NodeType.Sentence, children.GetRange(position + 1, children.Count - position - 1));
            parent.Children.InsertRange(index + 1, [node, insertion]);
            return index + 1;
        }

        return null;
    }

    private static int LineCount(string value)
    {
        var lines = 1;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\r')
            {
                lines++;
                if (i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (value[i] == '\n')
            {
                lines++;
            }
        }

        return lines;
    }

    private static int? RemoveEmptyNodes(Node child, int index, Node parent)
    {
        if (child.HasChildren && child.Children.Count == 0)
        {
            parent.Children.RemoveAt(index);
            return index;
        }

        return null;
    }

    private static bool IsSensitiveAbbreviation(string value) => SensitiveAbbreviations.IsMatch(value);
}
