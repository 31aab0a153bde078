using System.Text.RegularExpressions;

namespace Belonging.Core.Privacy;

/// <summary>What kind of identifying detail a comment may contain.</summary>
public enum IdentifyingDetail
{
    /// <summary>An e-mail address.</summary>
    Email = 1,

    /// <summary>A phone number (7 or more digits, with common separators).</summary>
    Phone,

    /// <summary>A word that looks like a person's name (capitalised mid-sentence); never looked up on the roster.</summary>
    Name,

    /// <summary>A job title that few people hold.</summary>
    JobTitle,

    /// <summary>A phrase that singles the writer out ("I am the only …", "as the only …").</summary>
    OnlyOne,

    /// <summary>An age, a year of joining or a length of service.</summary>
    PersonalNumber,
}

/// <summary>One possible identifying detail, with where it is and what to do instead.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Start">Character offset in the comment.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Suggestion">Plain advice to rephrase.</param>
public sealed record CommentWarning(IdentifyingDetail Kind, int Start, int Length, string Suggestion);

/// <summary>
/// Finds details in a comment that could identify its writer or others. It only warns: the respondent decides whether
/// to rephrase or send as it is. Patterns are culture-invariant and bounded (regex timeouts guard against hostile input).
/// </summary>
/// <remarks>
/// Names are recognised by shape, never by looking them up on the roster: a word of three or more letters that starts
/// with a capital, has a lower-case letter after it, and does not begin a sentence (days and months excepted). A
/// roster lookup answered "is this name on the roster?" to anyone holding a survey link (warned for "Priya", silent for
/// "Zelda"), which the issue 10 review found; by shape, every name gets the same warning, on the roster or not. The
/// price: a name written in lower case or at the start of a sentence is not caught, and capitalised words that are not
/// names ("Teams", "Excel") are — acceptable for a warning that never blocks.
/// </remarks>
public static partial class CommentScreening
{
    /// <summary>Screens <paramref name="comment"/>.</summary>
    /// <param name="comment">The comment text (any length; only the first 10,000 characters are screened).</param>
    /// <param name="jobTitles">Job titles to look for, matched case-insensitively as whole phrases; entries shorter than 4
    /// letters are ignored. Pass a fixed list that does not depend on who is on the roster (or none): titles drawn from
    /// the roster would confirm to a respondent that someone holds them.</param>
    /// <returns>Warnings in text order; empty when nothing was found.</returns>
    public static IReadOnlyList<CommentWarning> Screen(string comment, IEnumerable<string> jobTitles)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(jobTitles);
        var text = comment.Length > 10_000 ? comment[..10_000] : comment;
        var warnings = new List<CommentWarning>();
        void Add(IdentifyingDetail kind, Match m, string advice) => warnings.Add(new CommentWarning(kind, m.Index, m.Length, advice));

        foreach (Match m in EmailPattern().Matches(text))
        {
            Add(IdentifyingDetail.Email, m, "Remove the e-mail address: it identifies a person.");
        }

        foreach (Match m in PhonePattern().Matches(text))
        {
            Add(IdentifyingDetail.Phone, m, "Remove the phone number: it identifies a person.");
        }

        foreach (Match m in OnlyOnePattern().Matches(text))
        {
            Add(IdentifyingDetail.OnlyOne, m, "Saying you are the only one of something can identify you. Consider describing the situation without it.");
        }

        foreach (Match m in PersonalNumberPattern().Matches(text))
        {
            Add(IdentifyingDetail.PersonalNumber, m, "Ages, joining years and years of service narrow down who wrote this. Consider leaving them out.");
        }

        foreach (Match m in WordPattern().Matches(text))
        {
            if (LooksLikeName(m.Value) && !StartsSentence(text, m.Index))
            {
                Add(IdentifyingDetail.Name, m, "This looks like a name. Comments are shared with leaders: consider describing the role or situation instead.");
            }
        }

        foreach (var title in jobTitles.Where(t => t.Length >= 4).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var at = text.IndexOf(title, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (at == 0 || !char.IsLetter(text[at - 1])) && (at + title.Length == text.Length || !char.IsLetter(text[at + title.Length])))
            {
                warnings.Add(new CommentWarning(IdentifyingDetail.JobTitle, at, title.Length, "A job title few people hold can identify them. Consider a more general description."));
            }
        }

        return warnings.OrderBy(w => w.Start).ThenBy(w => w.Kind).ToList();
    }

    /// <summary>Capitalised words that are not names, common enough mid-sentence to be worth not warning about.</summary>
    private static readonly HashSet<string> NotNames = new(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
         "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        StringComparer.Ordinal);

    /// <summary>Three or more letters, a capital first and a lower-case letter second (so "HR" and "NHS" are not names).</summary>
    private static bool LooksLikeName(string word) =>
        word.Length >= 3 && char.IsUpper(word[0]) && char.IsLower(word[1]) && !NotNames.Contains(word);

    /// <summary>True at the start of the text, after a line break, or after ".", "!", "?" or ":" (and any quotes or brackets).</summary>
    private static bool StartsSentence(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && (text[i] is ' ' or '\t' or '"' or '\'' or '(' or '[' or '\u201C' or '\u2018'))
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or ':' or '\n' or '\r';
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w])\+?\d[\d\s().-]{5,}\d(?![\w])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b(I am|I'm|as|being) the only\b[^.!?\n]{0,40}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex OnlyOnePattern();

    [GeneratedRegex(@"\b(I am|I'm|aged?) \d{2}\b|\b(joined|started|hired) in (19|20)\d{2}\b|\b\d{1,2} years (here|with|at|in)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex PersonalNumberPattern();

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex WordPattern();
}
