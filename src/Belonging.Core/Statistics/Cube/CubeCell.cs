namespace Belonging.Core.Statistics.Cube;

/// <summary>What a cube cell groups.</summary>
public enum CubeCellKind
{
    /// <summary>Everyone attached to a unit or to any unit below it.</summary>
    Unit = 1,

    /// <summary>Everyone in the organisation with one value of one attribute.</summary>
    Attribute = 2,

    /// <summary>Everyone in the organisation with one value of each of two attributes.</summary>
    AttributePair = 3,
}

/// <summary>The coordinates of one cube cell. Fields that do not apply to the <see cref="Kind"/> are -1.</summary>
/// <param name="Kind">What the cell groups.</param>
/// <param name="Unit">Unit index for <see cref="CubeCellKind.Unit"/>, else -1.</param>
/// <param name="Attribute">Attribute index (the lower one of a pair), else -1.</param>
/// <param name="Value">Value code 1..ValueCount of <paramref name="Attribute"/>, else -1.</param>
/// <param name="SecondAttribute">The higher attribute index of a pair, else -1.</param>
/// <param name="SecondValue">Value code of <paramref name="SecondAttribute"/>, else -1.</param>
public readonly record struct CubeCell(CubeCellKind Kind, int Unit, int Attribute, int Value, int SecondAttribute, int SecondValue);
