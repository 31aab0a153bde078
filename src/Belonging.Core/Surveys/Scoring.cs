namespace Belonging.Core.Surveys;

/// <summary>
/// Item and index scoring, following the UK Civil Service People Survey technical guide (2020): a 5-point agreement
/// answer scores 0/25/50/75/100; a respondent's index is the mean of the items they answered; a group's index is the
/// mean of its respondents' scores. "Don't know" and skipped answers are missing, never zero.
/// </summary>
public static class Scoring
{
    /// <summary>Stored code for a missing answer (skipped or "don't know").</summary>
    public const byte Missing = 0;

    /// <summary>Maps an agreement answer 1..5 to 0..100 (SD 0, D 25, N 50, A 75, SA 100).</summary>
    /// <param name="answer">1 (strongly disagree) … 5 (strongly agree).</param>
    /// <returns>The 0–100 score.</returns>
    /// <exception cref="ArgumentOutOfRangeException">answer outside 1..5.</exception>
    public static double AgreementScore(int answer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(answer, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(answer, 5);
        return (answer - 1) * 25.0;
    }

    /// <summary>Applies reverse keying: for a reverse-keyed item, agreement is unfavourable, so x becomes 6 − x. Missing stays missing.</summary>
    /// <param name="stored">Stored code (0 missing, 1..5).</param>
    /// <param name="reverseKeyed">Whether the item is reverse-keyed.</param>
    /// <returns>The keyed answer (0 missing, 1..5).</returns>
    public static byte Keyed(byte stored, bool reverseKeyed) =>
        stored == Missing || !reverseKeyed ? stored : (byte)(6 - stored);

    /// <summary>
    /// A respondent's index: the mean 0–100 score over the agreement items they answered (keyed answers 1..5; 0 = missing).
    /// </summary>
    /// <param name="keyedAnswers">Keyed answers, 0 for missing.</param>
    /// <returns>The mean score, or null when every item is missing (the respondent is then not counted in the group index).</returns>
    public static double? RespondentIndex(ReadOnlySpan<byte> keyedAnswers)
    {
        var sum = 0;
        var count = 0;
        foreach (var a in keyedAnswers)
        {
            if (a == Missing)
            {
                continue;
            }

            sum += a - 1;
            count++;
        }

        return count == 0 ? null : sum * 25.0 / count;
    }

    /// <summary>Group index: the plain mean of respondent indices (each respondent weighs the same, whatever they skipped).</summary>
    /// <param name="respondentIndices">Respondent scores (0–100).</param>
    /// <returns>The mean, or NaN for an empty group.</returns>
    public static double GroupIndex(IEnumerable<double> respondentIndices)
    {
        ArgumentNullException.ThrowIfNull(respondentIndices);
        double sum = 0;
        var n = 0;
        foreach (var x in respondentIndices)
        {
            sum += x;
            n++;
        }

        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>
    /// Recommend score on a 0–10 item: % answering 9–10 minus % answering 0–6, over those who answered (−100..+100).
    /// Same arithmetic as the net promoter score.
    /// </summary>
    /// <param name="promoters">Answers 9–10.</param>
    /// <param name="passives">Answers 7–8.</param>
    /// <param name="detractors">Answers 0–6.</param>
    /// <returns>The score, or NaN when nobody answered.</returns>
    public static double RecommendScore(int promoters, int passives, int detractors)
    {
        var n = promoters + passives + detractors;
        return n == 0 ? double.NaN : 100.0 * (promoters - detractors) / n;
    }
}
