using System.Net;
using System.Text;

namespace Belonging.Formats.Documents;

/// <summary>
/// Text of an HTML page without a DOM: a single linear pass that drops tags, comments, <c>script</c>, <c>style</c> and
/// <c>head</c> content, starts a new line at block elements and decodes entities. Malformed markup cannot make it loop or
/// recurse (no regular expressions, no nesting).
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section", "article", "header",
        "footer", "blockquote", "pre", "hr", "dd", "dt", "dl", "main", "nav", "aside", "figcaption", "title",
    };

    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "noscript", "template", "svg" };

    public static string Extract(string html)
    {
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                text.Append(c);
                i++;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var close = html.IndexOf('>', i + 1);
            if (close < 0)
            {
                text.Append(c);
                i++;
                continue;
            }

            var tag = TagName(html, i + 1, close);
            if (tag.Length > 0 && SkippedTags.Contains(tag) && html[i + 1] != '/')
            {
                var endTag = html.IndexOf("</" + tag, close, StringComparison.OrdinalIgnoreCase);
                var endClose = endTag < 0 ? -1 : html.IndexOf('>', endTag);
                i = endClose < 0 ? html.Length : endClose + 1;
                continue;
            }

            if (BlockTags.Contains(tag))
            {
                text.Append('\n');
            }

            i = close + 1;
        }

        var decoded = WebUtility.HtmlDecode(text.ToString());
        var lines = decoded.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => string.Join(' ', l.Split([' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    private static string TagName(string html, int from, int to)
    {
        var start = from < to && html[from] == '/' ? from + 1 : from;
        var end = start;
        while (end < to && char.IsAsciiLetterOrDigit(html[end]))
        {
            end++;
        }

        return html[start..end];
    }
}
