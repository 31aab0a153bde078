using Belonging.Core.Privacy;

namespace Belonging.Web.Components;

/// <summary>Plain-language text for a hidden cell.</summary>
public static class Suppression
{
    public static string Describe(SuppressionReason reason) => reason switch
    {
        SuppressionReason.BelowThreshold => "Hidden: too few answered here",
        SuppressionReason.Complementary => "Hidden so that a smaller group cannot be worked out",
        SuppressionReason.NoAnswers => "No answers",
        SuppressionReason.BelowCommentThreshold => "Hidden: too few comment authors",
        SuppressionReason.InsufficientSample => "Hidden: sample too small for this analysis",
        SuppressionReason.Protected => "Hidden to protect anonymity: too few answered here, or so that a smaller group cannot be worked out",
        SuppressionReason.NotInRelease => "Not part of this survey's reports",
        _ => "Hidden",
    };
}
