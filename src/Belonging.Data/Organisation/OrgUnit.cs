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

    /// <summary>A unit with a given id: the demo derives its ids from its seed, so the same seed gives the same release.</summary>
    internal OrgUnit(Guid id, string externalId, string name, Guid? parentId)
        : this(externalId, name, parentId)
    {
        Id = id;
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
