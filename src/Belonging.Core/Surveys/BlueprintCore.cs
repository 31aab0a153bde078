namespace Belonging.Core.Surveys;

/// <summary>
/// The default "Belonging Blueprint Core" instrument, built only from public-domain US Federal Employee Viewpoint Survey
/// (FEVS) items and UK Civil Service People Survey (CSPS) items under the Open Government Licence v3.0. CSPS wording keeps
/// the survey's own placeholders filled in the usual way ("[my organisation]" → "my organisation").
/// </summary>
public static class BlueprintCore
{
    /// <summary>The attribution the OGL requires wherever CSPS items are used.</summary>
    public const string OglAttribution = "Contains public sector information licensed under the Open Government Licence v3.0. FEVS items are US federal government works in the public domain.";

    private const string Fevs2022 = "US OPM Federal Employee Viewpoint Survey 2022";
    private const string Csps2020 = "UK Civil Service People Survey 2020";
    private const string PublicDomain = "Public domain (17 U.S.C. §105)";
    private const string Ogl = "Open Government Licence v3.0";

    private static ItemDefinition Fevs(string code, string item, string text, BlueprintComponent? component, OutcomeKind outcome = OutcomeKind.None) =>
        new(code, text, ItemScale.Agreement5, component, outcome, ReverseKeyed: false, AllowDontKnow: true, $"{Fevs2022} {item}", PublicDomain);

    private static ItemDefinition Csps(string code, string item, string text, BlueprintComponent? component, OutcomeKind outcome = OutcomeKind.None) =>
        new(code, text, ItemScale.Agreement5, component, outcome, ReverseKeyed: false, AllowDontKnow: true, $"{Csps2020} {item}", Ogl);

    /// <summary>The instrument: 4 items per component, two belonging outcomes, intent to stay, recommend (0–10) and one open question.</summary>
    public static InstrumentDefinition Instrument { get; } = new(
        "belonging-blueprint-core",
        "Belonging Blueprint Core",
        [
            Csps("LV1", "B40", "I believe that my organisation's senior leaders have a clear vision for the future of my organisation", BlueprintComponent.LeadershipVision),
            Csps("LV2", "B39", "I believe the actions of senior managers are consistent with my organisation's values", BlueprintComponent.LeadershipVision),
            Fevs("LV3", "Q71", "My organization’s management practices promote diversity (e.g., outreach, recruitment, promotion opportunities).", BlueprintComponent.LeadershipVision),
            Csps("LV4", "B58", "My organisation is committed to creating a diverse and inclusive workplace", BlueprintComponent.LeadershipVision),

            Fevs("PS1", "Q79", "I am comfortable expressing opinions that are different from other employees in my work unit.", BlueprintComponent.PsychologicalSafety),
            Csps("PS2", "B46", "I think it is safe to challenge the way things are done in my organisation", BlueprintComponent.PsychologicalSafety),
            Csps("PS3", "B57", "I feel able to challenge inappropriate behaviour in the workplace", BlueprintComponent.PsychologicalSafety),
            Fevs("PS4", "Q81", "I can be successful in my organization being myself.", BlueprintComponent.PsychologicalSafety),

            Fevs("IP1", "Q73", "I have similar access to advancement opportunities (e.g., promotion, career development, training) as others in my work unit.", BlueprintComponent.InclusiveInfrastructure),
            Fevs("IP2", "Q74", "My supervisor provides opportunities fairly to all employees in my work unit (e.g., promotions, work assignments).", BlueprintComponent.InclusiveInfrastructure),
            Csps("IP3", "B25", "I am treated fairly at work", BlueprintComponent.InclusiveInfrastructure),
            Fevs("IP4", "Q84", "My organization meets my accessibility needs.", BlueprintComponent.InclusiveInfrastructure),

            Fevs("MC1", "Q76", "Employees in my work unit treat me as a valued member of the team.", BlueprintComponent.MeaningfulConnection),
            Fevs("MC2", "Q78", "Employees in my work unit care about me as a person.", BlueprintComponent.MeaningfulConnection),
            Csps("MC3", "B18", "The people in my team can be relied upon to help when things get difficult in my job", BlueprintComponent.MeaningfulConnection),
            Fevs("MC4", "Q80", "In my work unit, people’s differences are respected.", BlueprintComponent.MeaningfulConnection),

            Fevs("CL1", "Q1", "I am given a real opportunity to improve my skills in my organization.", BlueprintComponent.ContinuousLearning),
            Csps("CL2", "B21", "I am able to access the right learning and development opportunities when I need to", BlueprintComponent.ContinuousLearning),
            Fevs("CL3", "Q2", "I feel encouraged to come up with new and better ways of doing things.", BlueprintComponent.ContinuousLearning),
            Csps("CL4", "B28", "I think that my organisation respects individual differences (e.g. cultures, working styles, backgrounds, ideas, etc)", BlueprintComponent.ContinuousLearning),

            Csps("MA1", "B52", "I believe that senior managers in my organisation will take action on the results from this survey", BlueprintComponent.MeasurementAccountability),
            Csps("MA2", "B45", "I have the opportunity to contribute my views before decisions are made that affect me", BlueprintComponent.MeasurementAccountability),
            Csps("MA3", "B14", "I receive regular feedback on my performance", BlueprintComponent.MeasurementAccountability),
            Csps("MA4", "B44", "My organisation keeps me informed about matters that affect me", BlueprintComponent.MeasurementAccountability),

            Fevs("OB1", "Q77", "Employees in my work unit make me feel I belong.", null, OutcomeKind.Belonging),
            Csps("OB2", "B49", "I feel a strong personal attachment to my organisation", null, OutcomeKind.Belonging),
            Csps("OS1", "C01_3", "I want to stay working for my organisation for at least the next year", null, OutcomeKind.IntentToStay),
            new("OR1", "I would recommend my organisation as a great place to work", ItemScale.ZeroToTen, null, OutcomeKind.Recommend, false, false,
                $"{Csps2020} B48 (asked here on a 0–10 scale instead of agreement)", Ogl),
            new("CM1", "What one change would most help you feel you belong here?", ItemScale.FreeText, null, OutcomeKind.None, false, false,
                "Belonging (open question written for this instrument)", "CC0 1.0"),
        ],
        OglAttribution);
}
