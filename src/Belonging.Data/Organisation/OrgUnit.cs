namespace Belonging.Data.Organisation;

/// <summary>A node of the organisation tree (any depth). <see cref="ExternalId"/> is the HRIS unit id.</summary>
public sealed class OrgUnit
{
    private OrgUnit()
    {
    }

    public OrgUnit(string externalId, string name, Guid? parentId)
    {
        Id = Ids.New();
        ExternalId = externalId;
        Name = name;
        ParentId = parentId;
    }

    public Guid Id { get; private set; }

    public string ExternalId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid? ParentId { get; private set; }

    public void Update(string name, Guid? parentId)
    {
        Name = name;
        ParentId = parentId;
    }
}
