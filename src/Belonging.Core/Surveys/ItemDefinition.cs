namespace Belonging.Core.Surveys;

/// <summary>How an item is answered.</summary>
public enum ItemScale
{
    /// <summary>Strongly disagree (1) … strongly agree (5), optionally with "don't know" (missing, never zero).</summary>
    Agreement5 = 0,

    /// <summary>0 … 10 (e.g. likelihood to recommend).</summary>
    ZeroToTen = 1,

    /// <summary>One of a fixed list of choices.</summary>
    SingleChoice = 2,

    /// <summary>Open comment.</summary>
    FreeText = 3,
}

/// <summary>The six components of the belonging blueprint.</summary>
public enum BlueprintComponent
{
    /// <summary>Leadership and vision.</summary>
    LeadershipVision = 1,

    /// <summary>Psychological safety and authenticity.</summary>
    PsychologicalSafety,

    /// <summary>Inclusive infrastructure and policies.</summary>
    InclusiveInfrastructure,

    /// <summary>Meaningful connection and community.</summary>
    MeaningfulConnection,

    /// <summary>Continuous learning and unlearning.</summary>
    ContinuousLearning,

    /// <summary>Measurement, feedback and accountability.</summary>
    MeasurementAccountability,
}

/// <summary>Which outcome an item measures, if any.</summary>
public enum OutcomeKind
{
    /// <summary>Not an outcome item.</summary>
    None = 0,

    /// <summary>Sense of belonging / attachment.</summary>
    Belonging,

    /// <summary>Intent to stay.</summary>
    IntentToStay,

    /// <summary>Likelihood to recommend as a place to work (0–10).</summary>
    Recommend,
}

/// <summary>One survey item as defined in an instrument.</summary>
/// <param name="Code">Stable code within the instrument (e.g. <c>LV1</c>).</param>
/// <param name="Text">Wording shown to respondents.</param>
/// <param name="Scale">Answer scale.</param>
/// <param name="Component">Blueprint component it belongs to, or null for outcome/comment items.</param>
/// <param name="Outcome">Outcome it measures, if any.</param>
/// <param name="ReverseKeyed">True when agreement is unfavourable (scored 6 − x before any statistic).</param>
/// <param name="AllowDontKnow">Offers "don't know" (recorded as missing).</param>
/// <param name="Source">Where the wording comes from (e.g. "FEVS 2022 Q78").</param>
/// <param name="Licence">Licence of the wording.</param>
/// <param name="Choices">Choices for <see cref="ItemScale.SingleChoice"/>.</param>
/// <param name="Language">BCP 47 language tag of <paramref name="Text"/>.</param>
public sealed record ItemDefinition(
    string Code,
    string Text,
    ItemScale Scale,
    BlueprintComponent? Component,
    OutcomeKind Outcome,
    bool ReverseKeyed,
    bool AllowDontKnow,
    string Source,
    string Licence,
    IReadOnlyList<string>? Choices = null,
    string Language = "en");

/// <summary>A named, ordered set of items.</summary>
/// <param name="Key">Stable key.</param>
/// <param name="Name">Display name.</param>
/// <param name="Items">Items in display order.</param>
/// <param name="Attribution">Attribution line to show wherever the items are used (e.g. the OGL line), or null.</param>
public sealed record InstrumentDefinition(string Key, string Name, IReadOnlyList<ItemDefinition> Items, string? Attribution);
