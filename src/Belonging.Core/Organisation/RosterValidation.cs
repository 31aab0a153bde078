using System.Globalization;
using System.Text;

namespace Belonging.Core.Organisation;

/// <summary>
/// Checks a whole roster before anything is imported and reports every problem with its row and column.
/// Column names are matched case-insensitively, ignoring spaces, hyphens and underscores, with common HRIS aliases.
/// Every column that is not a known field is a reporting attribute — except direct identifiers (phone, address,
/// salary, national id…), which are refused. Runs in O(rows) with dictionaries.
/// </summary>
public static class RosterValidation
{
    /// <summary>Above this many distinct values a column is free text or an identifier, not a reporting group.</summary>
    public const int MaxDistinctAttributeValues = 50;

    private static readonly Dictionary<string, string> PeopleAliases = Aliases(
        ("employee_id", ["employeeid", "employee_number", "employeenumber", "emp_id", "empid", "person_id", "worker_id"]),
        ("name", ["full_name", "fullname", "display_name", "employee_name"]),
        ("first_name", ["firstname", "given_name", "forename"]),
        ("last_name", ["lastname", "surname", "family_name"]),
        ("email", ["e_mail", "work_email", "email_address", "mail"]),
        ("manager_id", ["manager", "manager_employee_id", "line_manager_id", "line_manager", "reports_to", "supervisor_id"]),
        ("org_unit_id", ["unit_id", "org_unit", "orgunit", "orgunitid", "unit", "team_id", "department_id"]),
        ("start_date", ["hire_date", "startdate", "date_started", "joined", "join_date"]),
        ("end_date", ["enddate", "termination_date", "leave_date", "leaving_date", "exit_date"]));

    private static readonly Dictionary<string, string> UnitAliases = Aliases(
        ("unit_id", ["org_unit_id", "id", "unitid"]),
        ("name", ["unit_name", "org_unit_name"]),
        ("parent_unit_id", ["parent_id", "parent", "parent_unit", "parentunitid"]));

    /// <summary>Column names (normalised) that directly identify a person or are not appropriate as survey groups.</summary>
    private static readonly string[] DirectIdentifiers =
        ["phone", "mobile", "address", "street", "postcode", "zip", "national_id", "national_insurance", "ssn", "social_security", "passport", "tax_id", "salary", "pay", "compensation", "bank", "iban", "birth_date", "date_of_birth", "dob", "birthday", "ip_address", "photo", "home"];

    /// <summary>Column names (normalised, matched as whole words) that hold special-category data (GDPR art. 9).</summary>
    private static readonly string[] SpecialCategories =
        ["ethnicity", "ethnic", "race", "racial", "disability", "disabled", "sexual", "orientation", "lgbtq", "lgbt", "lgbtqia", "gender_identity", "trans", "transgender", "religion", "religious", "belief", "faith", "health", "medical", "pregnancy", "pregnant", "union", "political", "neurodivergent", "neurodiversity"];

    private static readonly string[] RequiredPeopleColumns = ["employee_id", "email", "org_unit_id", "start_date"];

    private static Dictionary<string, string> Aliases(params (string Canonical, string[] Others)[] entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, others) in entries)
        {
            map[canonical] = canonical;
            foreach (var o in others)
            {
                map[o] = canonical;
            }
        }

        return map;
    }

    /// <summary>Lower-case invariant, trimmed, runs of spaces/hyphens/dots/underscores as one underscore; "+" kept.</summary>
    /// <param name="header">A header cell.</param>
    /// <returns>The normalised name (empty for a blank header).</returns>
    public static string Normalise(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var sb = new StringBuilder(header.Length);
        var pendingSeparator = false;
        foreach (var ch in header.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch) || ch == '+')
            {
                if (pendingSeparator && sb.Length > 0)
                {
                    sb.Append('_');
                }

                sb.Append(ch);
                pendingSeparator = false;
            }
            else
            {
                pendingSeparator = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>True when the attribute name denotes special-category data.</summary>
    /// <param name="normalisedName">A name from <see cref="Normalise"/>.</param>
    /// <returns>Whether it is special-category.</returns>
    public static bool IsSpecialCategory(string normalisedName)
    {
        ArgumentNullException.ThrowIfNull(normalisedName);
        var words = normalisedName.Replace("+", "", StringComparison.Ordinal).Split('_');
        return SpecialCategories.Any(s => s.Contains('_', StringComparison.Ordinal) ? normalisedName.Contains(s, StringComparison.Ordinal) : words.Contains(s, StringComparer.Ordinal));
    }

    private static bool IsDirectIdentifier(string normalisedName)
    {
        var words = normalisedName.Split('_');
        return DirectIdentifiers.Any(d => d.Contains('_', StringComparison.Ordinal) ? normalisedName.Contains(d, StringComparison.Ordinal) : words.Contains(d, StringComparer.Ordinal));
    }

    /// <summary>
    /// Validates a roster. Dates must be ISO <c>YYYY-MM-DD</c> (XLSX date cells arrive already converted to that form).
    /// </summary>
    /// <param name="people">The people table (one row per person).</param>
    /// <param name="units">The units table, or null when every unit already exists.</param>
    /// <param name="existingUnitIds">HRIS unit ids already in the database.</param>
    /// <returns>The validated roster, or <see cref="RosterInvalid"/> listing every problem.</returns>
    public static Result<ValidatedRoster> Validate(RawTable people, RawTable? units, IReadOnlySet<string> existingUnitIds)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(existingUnitIds);
        var problems = new List<RosterProblem>();
        var unitRecords = units is null ? [] : ValidateUnits(units, existingUnitIds, problems);
        var knownUnits = new HashSet<string>(existingUnitIds, StringComparer.Ordinal);
        knownUnits.UnionWith(unitRecords.Select(u => u.UnitId));
        var (records, attributes) = ValidatePeople(people, knownUnits, problems);
        if (problems.Count > 0)
        {
            return new RosterInvalid(problems
                .OrderBy(p => p.Table, StringComparer.Ordinal).ThenBy(p => p.Row).ThenBy(p => p.Column ?? "", StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
                .ToList());
        }

        return new ValidatedRoster(unitRecords, records, attributes);
    }

    private static Dictionary<string, int> MapColumns(RawTable table, Dictionary<string, string> aliases, List<RosterProblem> problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var normalised = Normalise(table.Headers[c] ?? "");
            if (normalised.Length == 0)
            {
                problems.Add(new(table.Name, 1, ColumnLetter(c), "roster.blank_header", $"Column {ColumnLetter(c)} has no name in the header row. Name it or delete the column."));
                continue;
            }

            var key = aliases.TryGetValue(normalised, out var canonical) ? canonical : "attr:" + normalised;
            if (!columns.TryAdd(key, c))
            {
                problems.Add(new(table.Name, 1, table.Headers[c], "roster.duplicate_column", $"The column \"{table.Headers[c]}\" appears twice (as \"{table.Headers[columns[key]]}\" too). Keep one."));
            }
        }

        return columns;
    }

    /// <summary>Spreadsheet-style column letter for a 0-based index (0 → A, 26 → AA).</summary>
    private static string ColumnLetter(int index)
    {
        var letters = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            letters = (char)('A' + ((i - 1) % 26)) + letters;
        }

        return letters;
    }

    private static string? Cell(RawRow row, int? column) =>
        column is { } c && c < row.Cells.Count && row.Cells[c] is { } v && v.Trim().Length > 0 ? v.Trim() : null;

    private static List<UnitRecord> ValidateUnits(RawTable table, IReadOnlySet<string> existing, List<RosterProblem> problems)
    {
        var columns = MapColumns(table, UnitAliases, problems);
        foreach (var required in new[] { "unit_id", "name" })
        {
            if (!columns.ContainsKey(required))
            {
                problems.Add(new(table.Name, 1, null, "roster.missing_column", $"The units table needs a \"{required}\" column."));
            }
        }

        if (!columns.TryGetValue("unit_id", out var idIndex) || !columns.TryGetValue("name", out var nameIndex))
        {
            return [];
        }

        var idColumn = table.Headers[idIndex];
        var parentColumn = columns.TryGetValue("parent_unit_id", out var pc) ? (int?)pc : null;
        var records = new List<UnitRecord>();
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = Cell(row, idIndex);
            var name = Cell(row, nameIndex);
            if (id is null)
            {
                problems.Add(new(table.Name, row.RowNumber, idColumn, "roster.missing_id", "This unit has no id."));
                continue;
            }

            if (rowOf.TryGetValue(id, out var first))
            {
                problems.Add(new(table.Name, row.RowNumber, idColumn, "roster.duplicate_id", $"The unit id \"{id}\" is also on row {first}. Each unit needs its own id."));
                continue;
            }

            rowOf[id] = row.RowNumber;
            if (name is null)
            {
                problems.Add(new(table.Name, row.RowNumber, table.Headers[nameIndex], "roster.missing_name", $"Unit \"{id}\" has no name."));
            }

            records.Add(new UnitRecord(id, name ?? id, Cell(row, parentColumn)));
        }

        var byId = records.ToDictionary(r => r.UnitId, StringComparer.Ordinal);
        foreach (var r in records.Where(r => r.ParentUnitId is not null))
        {
            if (r.ParentUnitId == r.UnitId)
            {
                problems.Add(new(table.Name, rowOf[r.UnitId], table.Headers[parentColumn!.Value], "roster.own_parent", $"Unit \"{r.UnitId}\" is its own parent."));
            }
            else if (!byId.ContainsKey(r.ParentUnitId!) && !existing.Contains(r.ParentUnitId!))
            {
                problems.Add(new(table.Name, rowOf[r.UnitId], table.Headers[parentColumn!.Value], "roster.unknown_parent", $"The parent unit \"{r.ParentUnitId}\" is neither in this table nor already known."));
            }
        }

        foreach (var cycle in Cycles(records.Where(r => r.ParentUnitId != r.UnitId).ToDictionary(r => r.UnitId, r => r.ParentUnitId, StringComparer.Ordinal)))
        {
            problems.Add(new(table.Name, rowOf[cycle[0]], table.Headers[parentColumn!.Value], "roster.unit_cycle", $"These units are each other's parents in a loop: {string.Join(" → ", cycle.Append(cycle[0]))}."));
        }

        return records;
    }

    private static (List<PersonRecord> People, List<AttributeDefinition> Attributes) ValidatePeople(RawTable table, HashSet<string> knownUnits, List<RosterProblem> problems)
    {
        var columns = MapColumns(table, PeopleAliases, problems);
        var hasName = columns.ContainsKey("name") || (columns.ContainsKey("first_name") && columns.ContainsKey("last_name"));
        var missing = RequiredPeopleColumns.Where(r => !columns.ContainsKey(r)).ToList();
        if (!hasName)
        {
            missing.Add("name");
        }

        foreach (var m in missing)
        {
            problems.Add(new(table.Name, 1, null, "roster.missing_column", $"The roster needs a \"{m}\" column{(m == "name" ? " (or first_name and last_name)" : "")}."));
        }

        var attributeColumns = new List<(string Name, int Column)>();
        foreach (var (key, c) in columns.Where(kv => kv.Key.StartsWith("attr:", StringComparison.Ordinal)).OrderBy(kv => kv.Value))
        {
            var name = key["attr:".Length..];
            if (IsDirectIdentifier(name))
            {
                problems.Add(new(table.Name, 1, table.Headers[c], "roster.identifier_column", $"\"{table.Headers[c]}\" looks like personal contact, pay or identity data. It is not needed for anonymous reporting and must not be uploaded: delete the column."));
            }
            else
            {
                attributeColumns.Add((name, c));
            }
        }

        if (missing.Count > 0)
        {
            return ([], []);
        }

        string H(string key) => table.Headers[columns[key]];
        var records = new List<PersonRecord>(table.Rows.Count);
        var rowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowOfEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var managerOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        var distinct = attributeColumns.ToDictionary(a => a.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var managerColumn = columns.TryGetValue("manager_id", out var mc) ? (int?)mc : null;
        var endColumn = columns.TryGetValue("end_date", out var ec) ? (int?)ec : null;
        foreach (var row in table.Rows)
        {
            var id = Cell(row, columns["employee_id"]);
            if (id is null)
            {
                problems.Add(new(table.Name, row.RowNumber, H("employee_id"), "roster.missing_id", "This person has no employee id."));
                continue;
            }

            if (rowOfId.TryGetValue(id, out var firstRow))
            {
                problems.Add(new(table.Name, row.RowNumber, H("employee_id"), "roster.duplicate_id", $"The employee id \"{id}\" is also on row {firstRow}. Each person needs their own id."));
                continue;
            }

            rowOfId[id] = row.RowNumber;
            var name = columns.TryGetValue("name", out var nameColumn)
                ? Cell(row, nameColumn)
                : string.Join(' ', new[] { Cell(row, columns["first_name"]), Cell(row, columns["last_name"]) }.Where(x => x is not null));
            if (string.IsNullOrEmpty(name))
            {
                problems.Add(new(table.Name, row.RowNumber, columns.ContainsKey("name") ? H("name") : H("first_name"), "roster.missing_name", $"Person \"{id}\" has no name."));
            }

            var email = Cell(row, columns["email"])?.ToLowerInvariant();
            if (email is null || !LooksLikeEmail(email))
            {
                problems.Add(new(table.Name, row.RowNumber, H("email"), "roster.invalid_email", email is null ? $"Person \"{id}\" has no e-mail address." : $"\"{email}\" is not an e-mail address like name@example.org."));
            }
            else if (rowOfEmail.TryGetValue(email, out var emailRow))
            {
                problems.Add(new(table.Name, row.RowNumber, H("email"), "roster.duplicate_email", $"The e-mail \"{email}\" is also on row {emailRow}."));
            }
            else
            {
                rowOfEmail[email] = row.RowNumber;
            }

            var unit = Cell(row, columns["org_unit_id"]);
            if (unit is null)
            {
                problems.Add(new(table.Name, row.RowNumber, H("org_unit_id"), "roster.missing_unit", $"Person \"{id}\" has no org unit."));
            }
            else if (!knownUnits.Contains(unit))
            {
                problems.Add(new(table.Name, row.RowNumber, H("org_unit_id"), "roster.unknown_unit", $"The org unit \"{unit}\" is not in the units table and not already known. Add it to the units file."));
            }

            var start = ParseDate(row, columns["start_date"], H("start_date"), table.Name, required: true, problems);
            var end = endColumn is { } e ? ParseDate(row, e, table.Headers[e], table.Name, required: false, problems) : null;
            if (start is { } s && end is { } en && en < s)
            {
                problems.Add(new(table.Name, row.RowNumber, table.Headers[endColumn!.Value], "roster.end_before_start", $"The end date {en:yyyy-MM-dd} is before the start date {s:yyyy-MM-dd}."));
            }

            var manager = Cell(row, managerColumn);
            managerOf[id] = manager;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (attr, c) in attributeColumns)
            {
                if (Cell(row, c) is { } v)
                {
                    if (v.Length > 200)
                    {
                        problems.Add(new(table.Name, row.RowNumber, table.Headers[c], "roster.value_too_long", "Reporting values must be at most 200 characters."));
                        continue;
                    }

                    values[attr] = v;
                    distinct[attr].Add(v);
                }
            }

            records.Add(new PersonRecord(id, name ?? "", email ?? "", manager, unit ?? "", start ?? default, end, values));
        }

        foreach (var r in records.Where(r => r.ManagerEmployeeId is not null))
        {
            if (r.ManagerEmployeeId == r.EmployeeId)
            {
                problems.Add(new(table.Name, rowOfId[r.EmployeeId], table.Headers[managerColumn!.Value], "roster.own_manager", $"Person \"{r.EmployeeId}\" is listed as their own manager."));
            }
            else if (!rowOfId.ContainsKey(r.ManagerEmployeeId!))
            {
                problems.Add(new(table.Name, rowOfId[r.EmployeeId], table.Headers[managerColumn!.Value], "roster.unknown_manager", $"The manager \"{r.ManagerEmployeeId}\" is not in this roster."));
            }
        }

        foreach (var cycle in Cycles(managerOf.Where(kv => kv.Value != kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)))
        {
            problems.Add(new(table.Name, rowOfId[cycle[0]], table.Headers[managerColumn!.Value], "roster.manager_cycle", $"These people manage each other in a loop: {string.Join(" → ", cycle.Append(cycle[0]))}."));
        }

        foreach (var (attr, c) in attributeColumns.Where(a => distinct[a.Name].Count > MaxDistinctAttributeValues))
        {
            problems.Add(new(table.Name, 1, table.Headers[c], "roster.too_many_values", $"\"{table.Headers[c]}\" has {distinct[attr].Count} different values (at most {MaxDistinctAttributeValues}). It looks like free text or an identifier; group the values (e.g. age bands) or delete the column."));
        }

        var attributes = attributeColumns.Select(a => new AttributeDefinition(a.Name, IsSpecialCategory(a.Name))).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        return (records, attributes);
    }

    private static DateOnly? ParseDate(RawRow row, int column, string header, string table, bool required, List<RosterProblem> problems)
    {
        var text = Cell(row, column);
        if (text is null)
        {
            if (required)
            {
                problems.Add(new(table, row.RowNumber, header, "roster.missing_date", "This date is required. Use YYYY-MM-DD, for example 2024-03-31."));
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new(table, row.RowNumber, header, "roster.bad_date", $"\"{text}\" is not a date in the form YYYY-MM-DD (for example 2024-03-31). Day/month orders differ between countries, so only this form is accepted."));
        return null;
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.') && email.Length <= 320 && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>Every cycle in a functional graph (each node has at most one successor), each reported once, starting at its ordinal-smallest member.</summary>
    private static List<List<string>> Cycles(Dictionary<string, string?> next)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);   // 1 = on the current path, 2 = done
        var cycles = new List<List<string>>();
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            var path = new List<string>();
            var node = start;
            while (node is not null && next.ContainsKey(node) && !state.ContainsKey(node))
            {
                state[node] = 1;
                path.Add(node);
                node = next[node];
            }

            if (node is not null && state.TryGetValue(node, out var s) && s == 1)
            {
                var cycle = path.Skip(path.IndexOf(node)).ToList();
                var min = cycle.Min(StringComparer.Ordinal)!;
                var i = cycle.IndexOf(min);
                cycles.Add(cycle.Skip(i).Concat(cycle.Take(i)).ToList());
            }

            foreach (var p in path)
            {
                state[p] = 2;
            }
        }

        return cycles;
    }
}
