using System.Globalization;
using Belonging.Core;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Campaigns;
using Belonging.Data.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Features.Answering;

/// <summary>Answers keyed by item code. Agreement: "1".."5" or "dk"; 0–10: "0".."10"; single choice: the choice text; free text: the text. Missing keys are skipped items.</summary>
/// <param name="Answers">Answers by item code.</param>
/// <param name="SendCommentsAsWritten">True once the respondent has seen the identifying-detail warnings and chose to send the comments unchanged.</param>
public sealed record SubmitAnswersRequest(IReadOnlyDictionary<string, string?> Answers, bool SendCommentsAsWritten = false);

/// <summary>
/// The acknowledgement of a submission. Deliberately the same whether this was the link's first submission (recorded
/// after a durable commit) or a repeat (nothing recorded, the first answer stands): nobody holding a link can learn
/// from it whether the link was used before.
/// </summary>
/// <param name="Message">The thank-you text shown to the respondent.</param>
public sealed record SubmissionReceipt(string Message)
{
    /// <summary>The one receipt.</summary>
    public static SubmissionReceipt Recorded { get; } = new("Thank you — your answers are recorded. For your anonymity, answers cannot be viewed or changed.");
}

public sealed record SurveyItemView(string Code, int Position, string Text, ItemScale Scale, bool AllowDontKnow, IReadOnlyList<string> Choices, string Language);

public sealed record SurveyForm(Guid CampaignId, string CampaignName, DateOnly ClosesOn, IReadOnlyList<SurveyItemView> Items, string? Attribution);

/// <summary>
/// Loads the survey behind a link and records one answer set per link, durably, sealed in the ballot box. A link whose
/// invitation has already answered behaves exactly like an unused one — the same survey, the same validation, the same
/// acknowledgement — except that nothing is recorded: whoever holds a link (an admin with the export, say) cannot tell
/// whether its owner has answered, and cannot replace their answer.
/// </summary>
public sealed class AnswerSubmission(AppDbContext db, BallotBox box)
{
    /// <summary>Longest comment accepted, inclusive, in UTF-16 code units (what the textarea's maxlength counts): 4,000 is accepted, 4,001 is not.</summary>
    public const int MaxCommentLength = 4000;

    private async Task<(Invitation Invitation, Campaign Campaign)?> FindAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = BallotBox.HashToken(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
        {
            return null;
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == invitation.CampaignId, ct);
        return (invitation, campaign);
    }

    public async Task<Result<SurveyForm>> LoadAsync(string token, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is not var (invitation, campaign))
        {
            return new AnswerError.UnknownLink();
        }

        // No check of Spent here, on purpose (see the class summary).
        if (campaign.Status != CampaignStatus.Open)
        {
            return new AnswerError.NotOpen();
        }

        var version = await db.InstrumentVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.InstrumentVersionId, ct);
        var items = await db.InstrumentItems.AsNoTracking().Where(i => i.VersionId == version.Id).ToListAsync(ct);
        return new SurveyForm(campaign.Id, campaign.Name, campaign.ClosesOn, items.OrderBy(i => i.Position).Select(View).ToList(), version.Attribution);
    }

    private static SurveyItemView View(InstrumentItem i) =>
        new(i.Code, i.Position, i.Text, i.Scale, i.AllowDontKnow, i.Choices?.Split('\n') ?? [], i.Language);

    public async Task<Result<SubmissionReceipt>> SubmitAsync(string token, SubmitAnswersRequest request, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is not var (invitation, campaign))
        {
            return new AnswerError.UnknownLink();
        }

        // Spent or not, the same checks run in the same order, so a used link answers exactly like an unused one.
        if (campaign.Status != CampaignStatus.Open)
        {
            return new AnswerError.NotOpen();
        }

        var items = await db.InstrumentItems.AsNoTracking().Where(i => i.VersionId == campaign.InstrumentVersionId).ToListAsync(ct);
        var encoded = Encode(items, request?.Answers ?? new Dictionary<string, string?>());
        if (!encoded.IsSuccess)
        {
            return encoded.Error!;
        }

        var (values, comments) = encoded.Value;
        if (comments.Count > 0 && !request!.SendCommentsAsWritten)
        {
            var warnings = Screen(items, comments);
            if (warnings.Count > 0)
            {
                return new AnswerError.IdentifyingDetails(warnings);
            }
        }

        // Sealed before the transaction, used or not, so both paths do the same work up to the guard.
        var envelope = box.Seal(campaign.Id, new Ballot(invitation.LeafUnitId, invitation.Demographics, values, comments));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The conditional update is the idempotency guard: of two concurrent submissions with one link, exactly one flips
        // Spent; a repeat (or a re-issued link of someone who answered) flips nothing and records nothing.
        var flipped = await db.Invitations.Where(i => i.Id == invitation.Id && !i.Spent).ExecuteUpdateAsync(s => s.SetProperty(i => i.Spent, true), ct);
        if (flipped == 0)
        {
            await tx.RollbackAsync(ct);
            return SubmissionReceipt.Recorded;
        }

        await db.Campaigns.Where(c => c.Id == campaign.Id && !c.HasAnswers).ExecuteUpdateAsync(s => s.SetProperty(c => c.HasAnswers, true), ct);
        db.Envelopes.Add(envelope);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return SubmissionReceipt.Recorded;
    }

    /// <summary>
    /// Warnings per comment item (code → advice). Deliberately not screened against the roster: a warning that appears
    /// only for names on the roster tells anyone holding a link who works here (see <see cref="Belonging.Core.Privacy.CommentScreening"/>).
    /// </summary>
    private static Dictionary<string, string[]> Screen(IReadOnlyList<InstrumentItem> items, List<BallotComment> comments)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var c in comments)
        {
            var warnings = Belonging.Core.Privacy.CommentScreening.Screen(c.Text, []);
            if (warnings.Count > 0)
            {
                var code = items.First(i => i.Position == c.ItemPosition).Code;
                result[code] = warnings.Select(w => $"\"{c.Text.Substring(w.Start, w.Length)}\": {w.Suggestion}").Distinct(StringComparer.Ordinal).ToArray();
            }
        }

        return result;
    }

    /// <summary>Turns form values into stored codes, validating every field; unknown item codes are an error.</summary>
    public static Result<(byte[] Values, List<BallotComment> Comments)> Encode(IReadOnlyList<InstrumentItem> items, IReadOnlyDictionary<string, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var byCode = items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (var key in answers.Keys.Where(k => !byCode.ContainsKey(k)))
        {
            errors[key] = ["This survey has no question with this code."];
        }

        var values = new byte[items.Count == 0 ? 0 : items.Max(i => i.Position) + 1];
        var comments = new List<BallotComment>();
        foreach (var item in items)
        {
            if (!answers.TryGetValue(item.Code, out var raw) || string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            raw = raw.Trim();
            switch (item.Scale)
            {
                case ItemScale.Agreement5 when raw == "dk" && item.AllowDontKnow:
                    break;
                case ItemScale.Agreement5 when int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a is >= 1 and <= 5:
                    values[item.Position] = (byte)a;
                    break;
                case ItemScale.Agreement5:
                    errors[item.Code] = [item.AllowDontKnow ? "Choose one of the five answers or \"Don't know\"." : "Choose one of the five answers."];
                    break;
                case ItemScale.ZeroToTen when int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var z) && z is >= 0 and <= 10:
                    values[item.Position] = (byte)(z + 1);
                    break;
                case ItemScale.ZeroToTen:
                    errors[item.Code] = ["Choose a number from 0 to 10."];
                    break;
                case ItemScale.SingleChoice:
                    var choices = item.Choices?.Split('\n') ?? [];
                    var index = Array.FindIndex(choices, c => string.Equals(c, raw, StringComparison.Ordinal));
                    if (index < 0)
                    {
                        errors[item.Code] = ["Choose one of the listed answers."];
                    }
                    else
                    {
                        values[item.Position] = (byte)(index + 1);
                    }

                    break;
                case ItemScale.FreeText when raw.Length > MaxCommentLength:
                    errors[item.Code] = [string.Create(CultureInfo.InvariantCulture, $"Keep your comment to at most {MaxCommentLength:N0} characters (it has {raw.Length:N0}).")];
                    break;
                case ItemScale.FreeText:
                    comments.Add(new BallotComment(item.Position, raw));
                    break;
                default:
                    errors[item.Code] = ["This question cannot be answered."];
                    break;
            }
        }

        return errors.Count > 0 ? new AnswerError.Invalid(errors) : (values, comments);
    }
}

public abstract record AnswerError(string Code, string Message) : Error(Code, Message)
{
    public sealed record UnknownLink() : AnswerError("answer.unknown_link", "This survey link is not valid. Check that you copied the whole link, or ask your people team for a new one.");

    public sealed record NotOpen() : AnswerError("answer.not_open", "This survey is not open for answers.");

    public sealed record Invalid(IDictionary<string, string[]> Errors) : AnswerError("answer.invalid", "Some answers are not valid; nothing was recorded."), IFieldErrors;

    /// <summary>A comment may identify someone. Nothing was recorded; the respondent can rephrase or send it as written.</summary>
    public sealed record IdentifyingDetails(IDictionary<string, string[]> Errors)
        : AnswerError("answer.identifying_details", "A comment may contain details that identify you or someone else. Rephrase it, or confirm that you want to send it as written; nothing was recorded yet."), IFieldErrors;
}
