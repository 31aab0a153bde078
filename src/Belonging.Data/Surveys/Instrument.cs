using Belonging.Core.Surveys;

namespace Belonging.Data.Surveys;

/// <summary>A named instrument. Its content lives in immutable <see cref="InstrumentVersion"/>s; a campaign pins one.</summary>
public sealed class Instrument
{
    private Instrument()
    {
    }

    public Instrument(string key, string name)
    {
        Id = Ids.New();
        Key = key;
        Name = name;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; } = "";

    public string Name { get; private set; } = "";

    public List<InstrumentVersion> Versions { get; private set; } = [];
}

/// <summary>One version of an instrument. Published versions are immutable: editing creates a new version.</summary>
public sealed class InstrumentVersion
{
    private InstrumentVersion()
    {
    }

    public InstrumentVersion(Guid instrumentId, int number, string? attribution)
    {
        Id = Ids.New();
        InstrumentId = instrumentId;
        Number = number;
        Attribution = attribution;
    }

    public Guid Id { get; private set; }

    public Guid InstrumentId { get; private set; }

    public int Number { get; private set; }

    public string? Attribution { get; private set; }

    /// <summary>Set when the first campaign uses this version; after that its items never change.</summary>
    public bool IsLocked { get; private set; }

    public List<InstrumentItem> Items { get; private set; } = [];

    public void Lock() => IsLocked = true;
}

/// <summary>An item within an instrument version, at a fixed position.</summary>
public sealed class InstrumentItem
{
    private InstrumentItem()
    {
    }

    public InstrumentItem(Guid versionId, int position, ItemDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        Id = Ids.New();
        VersionId = versionId;
        Position = position;
        Code = d.Code;
        Text = d.Text;
        Scale = d.Scale;
        Component = d.Component;
        Outcome = d.Outcome;
        ReverseKeyed = d.ReverseKeyed;
        AllowDontKnow = d.AllowDontKnow;
        Source = d.Source;
        Licence = d.Licence;
        Choices = d.Choices is null ? null : string.Join('\n', d.Choices);
        Language = d.Language;
    }

    public Guid Id { get; private set; }

    public Guid VersionId { get; private set; }

    /// <summary>0-based display order; also the item's slot in a stored answer set.</summary>
    public int Position { get; private set; }

    public string Code { get; private set; } = "";

    public string Text { get; private set; } = "";

    public ItemScale Scale { get; private set; }

    public BlueprintComponent? Component { get; private set; }

    public OutcomeKind Outcome { get; private set; }

    public bool ReverseKeyed { get; private set; }

    public bool AllowDontKnow { get; private set; }

    public string Source { get; private set; } = "";

    public string Licence { get; private set; } = "";

    /// <summary>Newline-separated choices for single-choice items.</summary>
    public string? Choices { get; private set; }

    public string Language { get; private set; } = "en";

    public ItemDefinition ToDefinition() =>
        new(Code, Text, Scale, Component, Outcome, ReverseKeyed, AllowDontKnow, Source, Licence, Choices?.Split('\n'), Language);
}
