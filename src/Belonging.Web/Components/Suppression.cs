using Belonging.Core.Privacy;

namespace Belonging.Web.Components;

/// <summary>Plain-language text for a hidden cell.</summary>
public static class Suppression
{
    public static string Describe(SuppressionReason reason) => reason switch
    {
        SuppressionReason.BelowThreshold => "Hidden: too few answers to protect anonymity",
        SuppressionReason.Complementary => "Hidden: could reveal a smaller group",
        SuppressionReason.NoAnswers => "No answers",
        SuppressionReason.BelowCommentThreshold => "Hidden: too few comment authors",
        SuppressionReason.InsufficientSample => "Hidden: sample too small for this analysis",
        SuppressionReason.Protected => "Hidden to protect anonymity",
        SuppressionReason.NotInRelease => "Not part of this survey's reports",
        _ => "Hidden",
    };
}
