namespace Belonging.Core.Organisation;

/// <summary>A table as read from a file: a header row and data rows, all text.</summary>
/// <param name="Name">Sheet name (XLSX) or file name (CSV).</param>
/// <param name="Headers">Header cells, in column order.</param>
/// <param name="Rows">Data rows; blank rows are already left out.</param>
public sealed record RawTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<RawRow> Rows);

/// <summary>One data row.</summary>
/// <param name="RowNumber">1-based row (CSV: line where the record starts; XLSX: row index). The header is row 1.</param>
/// <param name="Cells">Cell texts in header order; null or empty for an empty cell.</param>
public sealed record RawRow(int RowNumber, IReadOnlyList<string?> Cells);

/// <summary>An org unit from the units table.</summary>
/// <param name="UnitId">HRIS unit id.</param>
/// <param name="Name">Display name.</param>
/// <param name="ParentUnitId">Parent's HRIS unit id, or null for a root.</param>
public sealed record UnitRecord(string UnitId, string Name, string? ParentUnitId);

/// <summary>A validated person.</summary>
/// <param name="EmployeeId">HRIS employee id.</param>
/// <param name="Name">Full name.</param>
/// <param name="Email">E-mail, lower-cased (invariant).</param>
/// <param name="ManagerEmployeeId">Manager's employee id, or null.</param>
/// <param name="UnitId">HRIS unit id of the person's unit.</param>
/// <param name="StartDate">First day.</param>
/// <param name="EndDate">Last day, or null.</param>
/// <param name="Attributes">Reporting attributes with a value (empty cells are left out).</param>
public sealed record PersonRecord(string EmployeeId, string Name, string Email, string? ManagerEmployeeId, string UnitId, DateOnly StartDate, DateOnly? EndDate, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A reporting attribute found in the roster.</summary>
/// <param name="Name">Normalised column name (lower case, underscores).</param>
/// <param name="IsSpecialCategory">Special-category personal data (GDPR art. 9: ethnicity, health, sexual orientation, religion…): used only for aggregate reporting.</param>
public sealed record AttributeDefinition(string Name, bool IsSpecialCategory);

/// <summary>One problem in an uploaded roster, located precisely enough to fix it.</summary>
/// <param name="Table">Sheet or file name.</param>
/// <param name="Row">1-based row (the header is row 1).</param>
/// <param name="Column">Header text of the column, or null for a whole-row or whole-table problem.</param>
/// <param name="Code">Stable code, e.g. <c>roster.duplicate_id</c>.</param>
/// <param name="Message">Plain explanation with what to do.</param>
public sealed record RosterProblem(string Table, int Row, string? Column, string Code, string Message);

/// <summary>A roster that passed every check.</summary>
/// <param name="Units">Units from the units table (may be empty when all units already exist).</param>
/// <param name="People">People in file order.</param>
/// <param name="Attributes">Reporting attributes, ordinal order.</param>
public sealed record ValidatedRoster(IReadOnlyList<UnitRecord> Units, IReadOnlyList<PersonRecord> People, IReadOnlyList<AttributeDefinition> Attributes);

/// <summary>The roster has problems; nothing may be imported.</summary>
/// <param name="Problems">Every problem found, ordered by table, row and column.</param>
public sealed record RosterInvalid(IReadOnlyList<RosterProblem> Problems)
    : Error("roster.invalid", $"{Problems.Count} {(Problems.Count == 1 ? "problem was" : "problems were")} found in the roster; nothing was imported. Fix them and upload the file again.");
