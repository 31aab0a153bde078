using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Belonging.Core.TextAudit;

/// <summary>
/// Reduces Markdown to the plain text of its paragraphs and headings, approximating what remark-parse 10 and
/// mdast-util-to-string produce: code blocks, HTML comments, thematic breaks and link definitions are dropped; links and
/// images keep their text (alt text); emphasis markers and backslash escapes are removed; inline code keeps its content;
/// inline HTML is kept as written; a hard line break (two trailing spaces) joins the lines with nothing, a soft line break
/// keeps the newline. Not a full CommonMark parser: nested containers are flattened line by line.
/// </summary>
public static partial class MarkdownText
{
    /// <summary>The text of each paragraph and heading, in document order.</summary>
    /// <param name="markdown">Markdown source.</param>
    /// <returns>One string per block (never empty strings).</returns>
    public static IReadOnlyList<string> Blocks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<string>();
        var paragraph = new List<string>();
        string? fence = null;
        var inComment = false;

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                var text = Inline(paragraph);
                if (text.Trim().Length > 0)
                {
                    blocks.Add(text);
                }

                paragraph.Clear();
            }
        }

        foreach (var raw in lines)
        {
            var line = raw.Replace("\t", "    ", StringComparison.Ordinal);
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                continue;
            }

            if (inComment)
            {
                if (line.Contains("-->", StringComparison.Ordinal))
                {
                    inComment = false;
                }

                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                Flush();
                fence = trimmed[..3];
                continue;
            }

            if (trimmed.StartsWith("<!--", StringComparison.Ordinal))
            {
                Flush();
                inComment = !trimmed.Contains("-->", StringComparison.Ordinal);
                continue;
            }

            if (trimmed.Length == 0)
            {
                Flush();
                continue;
            }

            // Block quotes: drop the markers.
            while (trimmed.StartsWith('>'))
            {
                trimmed = trimmed[1..].TrimStart();
            }

            if (ThematicBreak().IsMatch(trimmed))
            {
                // "---" directly under a paragraph makes it a setext heading (same text); otherwise a break.
                Flush();
                continue;
            }

            if (paragraph.Count > 0 && SetextUnderline().IsMatch(trimmed))
            {
                Flush();
                continue;
            }

            if (LinkDefinition().IsMatch(trimmed))
            {
                Flush();
                continue;
            }

            var heading = AtxHeading().Match(trimmed);
            if (heading.Success)
            {
                Flush();
                paragraph.Add(ClosingHashes().Replace(heading.Groups[1].Value, ""));
                Flush();
                continue;
            }

            var item = ListMarker().Match(trimmed);
            if (item.Success)
            {
                Flush();
                trimmed = trimmed[item.Length..];
                if (trimmed.Trim().Length == 0)
                {
                    continue;
                }

                heading = AtxHeading().Match(trimmed);
                if (heading.Success)
                {
                    paragraph.Add(ClosingHashes().Replace(heading.Groups[1].Value, ""));
                    Flush();
                    continue;
                }
            }

            paragraph.Add(trimmed);
        }

        Flush();
        return blocks;
    }

    private static string Inline(List<string> lines)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var last = i == lines.Count - 1;
            var hardBreak = !last && (line.EndsWith("  ", StringComparison.Ordinal) || line.EndsWith('\\'));
            line = line.TrimEnd();
            if (hardBreak && line.EndsWith('\\'))
            {
                line = line[..^1];
            }

            builder.Append(line);
            if (!last && !hardBreak)
            {
                builder.Append('\n');
            }
        }

        var text = builder.ToString();
        text = InlineCode().Replace(text, m => m.Groups[2].Value.Trim() is { Length: > 0 } v && m.Groups[2].Value.StartsWith(' ') && m.Groups[2].Value.EndsWith(' ') ? m.Groups[2].Value[1..^1] : m.Groups[2].Value);
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = ReferenceLink().Replace(text, "$1");
        text = AutoLink().Replace(text, "$1");
        text = StrongOrEmphasis().Replace(text, "$2");
        text = StrongOrEmphasis().Replace(text, "$2");
        text = Escape().Replace(text, "$1");
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex(@"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")]
    private static partial Regex ThematicBreak();

    [GeneratedRegex(@"^=+\s*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^\[[^\]]+\]:\s*\S+")]
    private static partial Regex LinkDefinition();

    [GeneratedRegex(@"^#{1,6}(?:[ \t]+(.*)|$)")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"(?:^|\s+)#+\s*$")]
    private static partial Regex ClosingHashes();

    [GeneratedRegex(@"^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(`+)(.+?)\1")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[([^\]]+)\]\[[^\]]*\]")]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"<((?:https?|mailto):[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex StrongOrEmphasis();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex Escape();
}
