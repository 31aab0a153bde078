namespace Belonging.Data.Organisation;

/// <summary>A person on the roster. People who leave get an <see cref="EndDate"/>; they are never deleted by a re-import.</summary>
public sealed class Person
{
    private Person()
    {
    }

    public Person(string employeeId, string name, string email, Guid orgUnitId, DateOnly startDate)
    {
        Id = Ids.New();
        EmployeeId = employeeId;
        Name = name;
        Email = email;
        OrgUnitId = orgUnitId;
        StartDate = startDate;
    }

    public Guid Id { get; private set; }

    public string EmployeeId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public Guid? ManagerId { get; private set; }

    public Guid OrgUnitId { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    public List<PersonAttributeValue> Attributes { get; private set; } = [];

    public void Update(string name, string email, Guid orgUnitId, DateOnly startDate, DateOnly? endDate)
    {
        Name = name;
        Email = email;
        OrgUnitId = orgUnitId;
        StartDate = startDate;
        EndDate = endDate;
    }

    public void SetManager(Guid? managerId) => ManagerId = managerId;

    /// <summary>Marks the person as having left (re-import no longer lists them). Keeps an earlier end date.</summary>
    public void Leave(DateOnly on) => EndDate ??= on;

    public bool IsActiveOn(DateOnly day) => StartDate <= day && (EndDate is null || EndDate >= day);

    public void SetAttributes(IReadOnlyDictionary<string, string> values)
    {
        Attributes.RemoveAll(a => !values.ContainsKey(a.Name));
        foreach (var (name, value) in values)
        {
            var existing = Attributes.Find(a => a.Name == name);
            if (existing is null)
            {
                Attributes.Add(new PersonAttributeValue(Id, name, value));
            }
            else
            {
                existing.Value = value;
            }
        }
    }
}

/// <summary>One reporting attribute value of a person (names and values are data, not code).</summary>
public sealed class PersonAttributeValue
{
    private PersonAttributeValue()
    {
    }

    public PersonAttributeValue(Guid personId, string name, string value)
    {
        PersonId = personId;
        Name = name;
        Value = value;
    }

    public Guid PersonId { get; private set; }

    public string Name { get; private set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>A reporting attribute known to the organisation. Special-category attributes (GDPR art. 9) are only ever used for aggregate reporting.</summary>
public sealed class ReportingAttributeDefinition
{
    private ReportingAttributeDefinition()
    {
    }

    public ReportingAttributeDefinition(string name, bool isSpecialCategory)
    {
        Name = name;
        IsSpecialCategory = isSpecialCategory;
    }

    public string Name { get; private set; } = "";

    public bool IsSpecialCategory { get; set; }
}
