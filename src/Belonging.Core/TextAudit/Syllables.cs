using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Belonging.Core.TextAudit;

/// <summary>
/// English syllable counts, ported from the npm package <c>syllable</c> 5.0.1 (Titus Wormer, MIT,
/// https://github.com/words/syllable, tag 5.0.1): the same expressions, in the same order, and the same list of
/// problematic words. Differences: accents are removed by Unicode decomposition instead of <c>normalize-strings</c>,
/// and the singular form used to look up the problematic list is found by dropping a final "s" or "es" instead of the
/// <c>pluralize</c> package (both only matter for words outside the handbook and job-ad texts this is tested on).
/// </summary>
public static class Syllables
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly Dictionary<string, int> Problematic = new(StringComparer.Ordinal)
    {
        ["abalone"] = 4, ["abare"] = 3, ["abbruzzese"] = 4, ["abed"] = 2, ["aborigine"] = 5, ["abruzzese"] = 4, ["acreage"] = 3,
        ["adame"] = 3, ["adieu"] = 2, ["adobe"] = 3, ["anemone"] = 4, ["anyone"] = 3, ["apache"] = 3, ["aphrodite"] = 4,
        ["apostrophe"] = 4, ["ariadne"] = 4, ["cafe"] = 2, ["calliope"] = 4, ["catastrophe"] = 4, ["chile"] = 2, ["chloe"] = 2,
        ["circe"] = 2, ["coyote"] = 3, ["daphne"] = 2, ["epitome"] = 4, ["eurydice"] = 4, ["euterpe"] = 3, ["every"] = 2,
        ["everywhere"] = 3, ["forever"] = 3, ["gethsemane"] = 4, ["guacamole"] = 4, ["hermione"] = 4, ["hyperbole"] = 4,
        ["jesse"] = 2, ["jukebox"] = 2, ["karate"] = 3, ["machete"] = 3, ["maybe"] = 2, ["naive"] = 2, ["newlywed"] = 3,
        ["penelope"] = 4, ["people"] = 2, ["persephone"] = 4, ["phoebe"] = 2, ["pulse"] = 1, ["queue"] = 1, ["recipe"] = 3,
        ["riverbed"] = 3, ["sesame"] = 3, ["shoreline"] = 2, ["simile"] = 3, ["snuffleupagus"] = 5, ["sometimes"] = 2,
        ["syncope"] = 3, ["tamale"] = 3, ["waterbed"] = 3, ["wednesday"] = 2, ["yosemite"] = 4, ["zoe"] = 2,
    };

    private static readonly Regex MonosyllabicOne = new(
        "awe($|d|so)|cia(?:l|$)|tia|cius|cious|[^aeiou]giu|[aeiouy][^aeiouy]ion|iou|sia$|eous$|[oa]gue$|.[^aeiuoycgltdb]{2,}ed$|.ely$|^jua|uai|eau|^busi$|"
        + "(?:[aeiouy](?:[bcfgklmnprsvwxyz]|ch|dg|g[hn]|lch|l[lv]|mm|nch|n[cgn]|r[bcnsv]|squ|s[chkls]|th)ed$)|"
        + "(?:[aeiouy](?:[bdfklmnprstvy]|ch|g[hn]|lch|l[lv]|mm|nch|nn|r[nsv]|squ|s[cklst]|th)es$)",
        Options);

    private static readonly Regex MonosyllabicTwo = new("[aeiouy](?:[bcdfgklmnprstvyz]|ch|dg|g[hn]|l[lv]|mm|n[cgns]|r[cnsv]|squ|s[cklst]|th)e$", Options);

    private static readonly Regex DoubleSyllabicOne = new(
        @"(?:([^aeiouy])\1l|[^aeiouy]ie(?:r|s?t)|[aeiouym]bl|eo|ism|asm|thm|dnt|snt|uity|dea|gean|oa|ua|react?|orbed|shred|eings?|[aeiouy]sh?e[rs])$",
        Options);

    private static readonly Regex DoubleSyllabicTwo = new("creat(?!u)|[^gq]ua[^auieo]|[aeiou]{3}|^(?:ia|mc|coa[dglx].)|^re(app|es|im|us)|(th|d)eist", Options);

    private static readonly Regex DoubleSyllabicThree = new("[^aeiou]y[ae]|[^l]lien|riet|dien|iu|io|ii|uen|[aeilotu]real|real[aeilotu]|iell|eo[^aeiou]|[aeiou]y[aeiou]", Options);

    private static readonly Regex DoubleSyllabicFour = new("[^s]ia", Options);

    private static readonly Regex Single = new(
        "^(?:un|fore|ware|none?|out|post|sub|pre|pro|dis|side|some)|(?:ly|less|some|ful|ers?|ness|cians?|ments?|ettes?|villes?|ships?|sides?|ports?|shires?|[gnst]ion(?:ed|s)?)$",
        Options);

    private static readonly Regex Double = new(
        "^(?:above|anti|ante|counter|hyper|afore|agri|infra|intra|inter|over|semi|ultra|under|extra|dia|micro|mega|kilo|pico|nano|macro|somer)|(?:fully|berry|woman|women|edly|union|((?:[bcdfghjklmnpqrstvwxz])|[aeiou])ye?ing)$",
        Options);

    private static readonly Regex Triple = new("(creations?|ology|ologist|onomy|onomist)$", Options);

    private static readonly Regex NonVowels = new("[^aeiouy]+", Options);

    /// <summary>Counts syllables in a word or phrase the way <c>syllable(value)</c> does.</summary>
    /// <param name="value">Any text; it is lower-cased, apostrophes are removed, and every run of ASCII letters, digits and
    /// underscores is counted as one word (digits and underscores dropped). Empty or letter-free text gives 0.</param>
    /// <returns>The number of syllables (at least 1 for every run that has a letter).</returns>
    public static int Count(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = Normalize(value).ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal);
        var sum = 0;
        var letters = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                if (char.IsAsciiLetterLower(c))
                {
                    letters.Append(c);
                }

                continue;
            }

            sum += One(letters.ToString());
            letters.Clear();
        }

        return sum;
    }

    private static int One(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        if (value.Length < 3)
        {
            return 1;
        }

        if (Problematic.TryGetValue(value, out var known) || Problematic.TryGetValue(Singular(value), out known))
        {
            return known;
        }

        var count = 0;
        value = Triple.Replace(value, _ => { count += 3; return ""; });
        value = Double.Replace(value, _ => { count += 2; return ""; });
        value = Single.Replace(value, _ => { count += 1; return ""; });
        count += NonVowels.Split(value).Count(p => p.Length > 0);
        count -= MonosyllabicOne.Count(value);
        count -= MonosyllabicTwo.Count(value);
        count += DoubleSyllabicOne.Count(value);
        count += DoubleSyllabicTwo.Count(value);
        count += DoubleSyllabicThree.Count(value);
        count += DoubleSyllabicFour.IsMatch(value) ? 1 : 0;
        return count == 0 ? 1 : count;
    }

    private static string Singular(string value)
    {
        if (value.EndsWith("es", StringComparison.Ordinal) && Problematic.ContainsKey(value[..^2]))
        {
            return value[..^2];
        }

        return value.EndsWith('s') ? value[..^1] : value;
    }

    private static string Normalize(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (c)
            {
                case 'ß': builder.Append("ss"); break;
                case 'æ' or 'Æ': builder.Append("ae"); break;
                case 'œ' or 'Œ': builder.Append("oe"); break;
                case 'ø' or 'Ø': builder.Append('o'); break;
                case 'ł' or 'Ł': builder.Append('l'); break;
                default:
                    if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
