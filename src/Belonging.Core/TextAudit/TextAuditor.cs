namespace Belonging.Core.TextAudit;

/// <summary>
/// Finds exclusionary wording with rule packs. The text is tokenised once; multi-word patterns are looked up in a
/// dictionary keyed on their first word (ordinal, case-insensitive), so the cost is linear in the text length.
/// Matches inside code, URLs, link targets and law names are never reported; rule conditions (what follows or precedes,
/// what the document mentions, a generic antecedent) remove the rest of the known false positives. When matches overlap,
/// the longer one is kept (ties: the earlier pack, then the earlier rule).
/// </summary>
public sealed class TextAuditor
{
    private static readonly string[] Joiners = ["or", "and", "/"];
    private static readonly string[] DefaultPacks = ["hr-en", "retext-equality-en"];
    private readonly Dictionary<string, List<CompiledPattern>> byFirstWord = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CompiledPattern>>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly bool hasMentions;
    private int ruleCount;
    private readonly AuditOptions options;

    /// <summary>Builds an auditor from packs; rules off by default run only when <see cref="AuditOptions.EnabledRules"/> names them.</summary>
    /// <param name="packs">The packs, in priority order.</param>
    /// <param name="options">Organisation settings (allow-list, rules on/off); null for none.</param>
    public TextAuditor(IEnumerable<RulePack> packs, AuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(packs);
        this.options = options ?? new AuditOptions();
        var order = 0;
        var packList = packs.ToList();
        foreach (var pack in packList)
        {
            foreach (var rule in pack.Rules)
            {
                var on = (rule.Enabled || this.options.EnabledRules.Contains(rule.Id)) && !this.options.DisabledRules.Contains(rule.Id);
                if (!on)
                {
                    continue;
                }

                var antecedents = rule.RequiresAntecedent is { } a ? new HashSet<string>(a.Words, StringComparer.OrdinalIgnoreCase) : null;
                var compiled = new CompiledRule(rule, pack.Id, order++, antecedents);
                foreach (var mention in rule.UnlessDocumentMentions)
                {
                    Add(byFirstWord, compiled, mention, isMention: true);
                    hasMentions = true;
                }

                foreach (var pattern in rule.Patterns)
                {
                    Add(byFirstWord, compiled, pattern, isMention: false);
                }
            }
        }

        ruleCount = order;
        lookup = byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        Packs = packList;

        static void Add(Dictionary<string, List<CompiledPattern>> index, CompiledRule compiled, string pattern, bool isMention)
        {
                    var words = PatternWords(pattern);
                    if (words.Length == 0)
                    {
                        return;
                    }

                    if (!index.TryGetValue(words[0], out var list))
                    {
                        index[words[0]] = list = [];
                    }

                    // An all-capitals word ("ADD") is an acronym and matches only as written; a final full stop ("Mrs.") must be there.
                    var exact = words.Select(w => w.Length > 1 && w.All(c => !char.IsLetter(c) || char.IsUpper(c)) && w.Any(char.IsLetter)).ToArray();
                    list.Add(new CompiledPattern(compiled, words, exact, pattern.TrimEnd().EndsWith('.'), isMention));
        }
    }

    /// <summary>The packs this auditor was built from.</summary>
    public IReadOnlyList<RulePack> Packs { get; }

    /// <summary>The built-in English packs: <c>hr-en</c> (curated HR rules) first, then <c>retext-equality-en</c>. The packs are parsed once per process.</summary>
    /// <param name="options">Organisation settings.</param>
    /// <returns>The auditor.</returns>
    /// <exception cref="InvalidOperationException">A built-in pack does not load (a build defect, caught by the tests).</exception>
    public static TextAuditor CreateDefault(AuditOptions? options = null) => new(DefaultPackList.Value, options);

    private static readonly Lazy<IReadOnlyList<RulePack>> DefaultPackList = new(() =>
        [.. DefaultPacks
            .Select(n => RulePackLoader.LoadBuiltIn(n))
            .Select(r => r.IsSuccess ? r.Value : throw new InvalidOperationException(r.Error!.Message))]);

    /// <summary>Audits one text.</summary>
    /// <param name="text">The text (any length; positions refer to it unchanged).</param>
    /// <param name="file">File name or label carried into the findings.</param>
    /// <param name="kind">Markdown or plain text.</param>
    /// <returns>Findings in text order (by start offset, then rule order); never overlapping.</returns>
    public IReadOnlyList<AuditFinding> Audit(string text, string file, TextKind kind = TextKind.PlainText)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var tokenized = TokenizedText.Create(text, kind);
        var tokens = tokenized.Tokens;
        var candidates = new List<(int First, int Last, CompiledRule Rule)>();
        var mentioned = hasMentions ? new bool[ruleCount] : null;
        Span<char> buffer = stackalloc char[64];
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.Protected)
            {
                continue;
            }

            var span = tokenized.Span(token);
            if (span.Contains('’') && span.Length <= buffer.Length)
            {
                span.CopyTo(buffer);
                buffer[..span.Length].Replace('’', '\'');
                span = buffer[..span.Length];
            }

            if (!lookup.TryGetValue(span, out var patterns))
            {
                continue;
            }

            foreach (var pattern in patterns)
            {
                var last = MatchRest(tokenized, t, pattern);
                if (last < 0)
                {
                    continue;
                }

                if (pattern.IsMention)
                {
                    mentioned![pattern.Rule.Order] = true;
                    continue;
                }

                var rule = pattern.Rule;
                if (!Applies(tokenized, t, last, rule))
                {
                    continue;
                }

                candidates.Add((t, last, rule));
            }
        }

        if (mentioned is not null)
        {
            candidates.RemoveAll(c => mentioned[c.Rule.Order]);
        }

        return Resolve(tokenized, candidates, file);
    }

    /// <summary>Cuts a pattern the way texts are cut; a free-standing <c>*</c> is kept as the any-word wildcard.</summary>
    private static string[] PatternWords(string pattern)
    {
        var words = new List<string>();
        foreach (var piece in pattern.Replace('’', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (piece == "*")
            {
                words.Add("*");
                continue;
            }

            var tokenized = TokenizedText.Create(piece, TextKind.PlainText);
            words.AddRange(tokenized.Tokens.Select(t => piece.Substring(t.Start, t.Length)));
        }

        return [.. words];
    }

    private static int MatchRest(TokenizedText text, int first, CompiledPattern pattern)
    {
        var tokens = text.Tokens;
        var words = pattern.Words;
        if (pattern.Exact[0] && !text.Span(tokens[first]).SequenceEqual(words[0]))
        {
            return -1;
        }

        var t = first;
        for (var w = 1; w < words.Length; w++)
        {
            var next = t + 1;
            if (next >= tokens.Count || tokens[next].Protected || !InlineGap(text.Text, tokens[t].End, tokens[next].Start))
            {
                return -1;
            }

            if (words[w] == "*")
            {
                if (tokens[next].Kind != TokenKind.Word)
                {
                    return -1;
                }
            }
            else if (pattern.Exact[w] ? !text.Span(tokens[next]).SequenceEqual(words[w]) : !SameWord(text.Span(tokens[next]), words[w]))
            {
                return -1;
            }

            t = next;
        }

        if (pattern.TrailingPeriod && (tokens[t].End >= text.Text.Length || text.Text[tokens[t].End] != '.'))
        {
            return -1;
        }

        return t;
    }

    private static bool SameWord(ReadOnlySpan<char> token, string word)
    {
        if (token.Length != word.Length)
        {
            return false;
        }

        for (var i = 0; i < token.Length; i++)
        {
            var a = token[i] == '’' ? '\'' : token[i];
            if (a != word[i] && char.ToLowerInvariant(a) != char.ToLowerInvariant(word[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Words of a phrase may be separated by spaces, one line break or hyphens ("man-hours"), nothing else.</summary>
    private static bool InlineGap(string text, int from, int to)
    {
        var newlines = 0;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c == '\n' && ++newlines > 1)
            {
                return false;
            }

            if (!char.IsWhiteSpace(c) && c is not ('-' or '‐' or '‑'))
            {
                return false;
            }
        }

        return true;
    }

    private bool Applies(TokenizedText text, int first, int last, CompiledRule compiled)
    {
        var rule = compiled.Rule;
        var tokens = text.Tokens;
        var start = tokens[first].Start;
        var end = tokens[last].End;
        if (options.AllowedPhrases.Count > 0)
        {
            var matched = text.Text[start..end];
            if (options.AllowedPhrases.Any(p => string.Equals(p, matched, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        if (rule.SkipProperNouns && !tokens[first].StartsUnit && char.IsUpper(text.Text[start]))
        {
            return false;
        }

        if (rule.PairedFormsAllowed && IsPaired(text, first, last, rule))
        {
            return false;
        }

        if (rule.NotFollowedBy is { } after && after.IsMatch(text.Text.AsSpan(end, Math.Min(80, text.Text.Length - end))))
        {
            return false;
        }

        if (rule.NotPrecededBy is { } before && before.IsMatch(text.Text.AsSpan(Math.Max(0, start - 80), Math.Min(80, start))))
        {
            return false;
        }

        if (rule.RequiresAntecedent is { } antecedent && !HasAntecedent(text, first, antecedent.WindowTokens, compiled.AntecedentWords!))
        {
            return false;
        }

        return true;
    }

    private static bool IsPaired(TokenizedText text, int first, int last, AuditRule rule)
    {
        var tokens = text.Tokens;
        bool IsForm(int index) => index >= 0 && index < tokens.Count && rule.Patterns.Any(p => SameWord(text.Span(tokens[index]), p.Replace('’', '\'')));
        bool IsJoiner(int index) => index >= 0 && index < tokens.Count && Joiners.Any(j => SameWord(text.Span(tokens[index]), j));
        return (IsJoiner(last + 1) && IsForm(last + 2)) || (IsJoiner(first - 1) && IsForm(first - 2));
    }

    private static bool HasAntecedent(TokenizedText text, int index, int window, HashSet<string> words)
    {
        var tokens = text.Tokens;
        var paragraph = tokens[index].Paragraph;
        var sentence = tokens[index].Sentence;
        var seen = 0;
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var b = index - 1; b >= 0 && seen < window; b--)
        {
            var token = tokens[b];
            if (token.Paragraph != paragraph || token.Sentence < sentence - 1)
            {
                break;
            }

            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            seen++;
            if (lookup.Contains(text.Span(token)))
            {
                return true;
            }
        }

        return false;
    }

    private static List<AuditFinding> Resolve(TokenizedText text, List<(int First, int Last, CompiledRule Rule)> candidates, string file)
    {
        candidates.Sort((a, b) =>
        {
            var byStart = a.First.CompareTo(b.First);
            if (byStart != 0)
            {
                return byStart;
            }

            var byLength = b.Last.CompareTo(a.Last);
            return byLength != 0 ? byLength : a.Rule.Order.CompareTo(b.Rule.Order);
        });
        var kept = new List<(int First, int Last, CompiledRule Rule)>();
        foreach (var candidate in candidates)
        {
            var overlap = kept.Count > 0 && kept[^1].Last >= candidate.First;
            if (!overlap)
            {
                kept.Add(candidate);
            }
            else if (candidate.Last - candidate.First > kept[^1].Last - kept[^1].First)
            {
                kept[^1] = candidate;
            }
        }

        var findings = new List<AuditFinding>(kept.Count);
        foreach (var (first, last, compiled) in kept)
        {
            var start = text.Tokens[first].Start;
            var end = text.Tokens[last].End;
            var (line, column) = text.Position(start);
            var (endLine, endColumn) = text.Position(end - 1);
            var rule = compiled.Rule;
            findings.Add(new AuditFinding(
                file, line, column, endLine, endColumn + 1, start, end - start, text.Text[start..end], rule.Id, compiled.PackId,
                rule.Category, rule.Severity, rule.Explanation, rule.Suggestions, rule.Source, rule.Licence));
        }

        return findings;
    }

    private sealed record CompiledRule(AuditRule Rule, string PackId, int Order, HashSet<string>? AntecedentWords);

    // IsMention: a phrase of AuditRule.UnlessDocumentMentions; it marks the rule as mentioned and is never a finding.
    private sealed record CompiledPattern(CompiledRule Rule, string[] Words, bool[] Exact, bool TrailingPeriod, bool IsMention);
}
