using Belonging.Core.Privacy;
using Belonging.Data.Organisation;
using Bogus;
using Person = Belonging.Data.Organisation.Person;

namespace Belonging.Data.Demo;

/// <summary>
/// A realistic, seeded demo organisation: an org tree up to 8 levels deep, a few thousand people with managers and
/// reporting attributes, some teams smaller than the reporting threshold.
/// </summary>
public sealed class DemoOrganisation
{
    public static readonly string[] Attributes = ["gender", "ethnicity", "disability", "lgbtq", "age_band", "tenure_band", "location", "level", "hired_via"];

    private static readonly string[] SpecialCategory = ["ethnicity", "disability", "lgbtq"];

    private static readonly string[] Functions = ["Engineering", "Operations", "Sales", "Customer Care", "People & Finance"];

    private static readonly string[] TeamWords = ["Atlas", "Beacon", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbour", "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Nova", "Orbit", "Pine", "Quartz", "Raven", "Summit", "Tidal", "Umber", "Vale", "Willow", "Zephyr"];

    public List<OrgUnit> Units { get; } = [];

    public List<Person> People { get; } = [];

    public List<ReportingAttributeDefinition> Definitions { get; } =
        Attributes.Select(a => new ReportingAttributeDefinition(a, SpecialCategory.Contains(a))).ToList();

    /// <summary>The latent belonging (−1..1 shift) of each person, used to generate answers with realistic group patterns.</summary>
    public Dictionary<Guid, double> Disposition { get; } = [];

    public OrgUnit Root => Units[0];

    public static DemoOrganisation Generate(int seed, int targetPeople, DateOnly today)
    {
        var org = new DemoOrganisation(seed);
        var random = new Random(seed);
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var root = org.AddUnit("ORG", "Northwind Collective", null);
        var leaves = new List<(OrgUnit Unit, int Depth)>();
        var counter = 0;
        // About one unit per eight people keeps team sizes realistic whatever the size asked for.
        var maxUnits = Math.Max(Functions.Length + 1, targetPeople / 8);
        var budget = 0;
        foreach (var (function, f) in Functions.Select((x, i) => (x, i)))
        {
            var division = org.AddUnit($"U{++counter:D4}", function, root.Id);
            // Engineering goes deepest (8 levels: root + 7), the others 5–6.
            var maxDepth = f == 0 ? 7 : 5 + random.Next(2);
            budget = org.Units.Count + (maxUnits / Functions.Length);
            Grow(division, 1, maxDepth);
        }

        void Grow(OrgUnit parent, int depth, int maxDepth)
        {
            if (depth >= maxDepth || (depth >= 4 && random.NextDouble() < 0.35) || (depth >= 2 && org.Units.Count >= budget))
            {
                leaves.Add((parent, depth));
                return;
            }

            var branching = depth < 2 ? 3 : 2 + random.Next(2);
            for (var i = 0; i < branching; i++)
            {
                var name = $"{TeamWords[random.Next(TeamWords.Length)]} {(depth < 3 ? "Group" : depth < 5 ? "Area" : "Team")} {++counter}";
                Grow(org.AddUnit($"U{counter:D4}", name, parent.Id), depth + 1, maxDepth);
            }
        }

        // Team sizes: mostly 6–14, about one team in seven smaller than 5.
        var sizes = leaves.Select(_ => random.NextDouble() < 0.14 ? 2 + random.Next(3) : 6 + random.Next(9)).ToArray();
        // Every unit has a head; leaf teams get the rest in proportion to their drawn sizes.
        var scale = Math.Max(0, targetPeople - org.Units.Count) / (double)sizes.Sum();
        var heads = new Dictionary<Guid, Person>();
        var employee = 0;

        Person NewPerson(OrgUnit unit)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var id = $"E{++employee:D5}";
            var start = today.AddDays(-random.Next(30, 365 * 15));
            var p = new Person(id, $"{first} {last}", $"{first}.{last}.{id}@northwind.example".ToLowerInvariant(), unit.Id, start);
            org.People.Add(p);
            return p;
        }

        // A head for every unit (root first), reporting to the parent unit's head.
        foreach (var unit in org.Units)
        {
            var head = NewPerson(unit);
            heads[unit.Id] = head;
            if (unit.ParentId is { } parent)
            {
                head.SetManager(heads[parent].Id);
            }
        }

        for (var i = 0; i < leaves.Count; i++)
        {
            var size = Math.Max(1, (int)Math.Round(sizes[i] * scale));
            var head = heads[leaves[i].Unit.Id];
            for (var j = 0; j < size; j++)
            {
                NewPerson(leaves[i].Unit).SetManager(head.Id);
            }
        }

        var functionOf = org.Units.ToDictionary(u => u.Id, u => u);
        foreach (var p in org.People)
        {
            var attributes = Draw(random, p, today);
            p.SetAttributes(attributes);
            // Patterns: disabled and LGBTQ+ colleagues, and Customer Care as a whole, start with lower belonging.
            var shift = random.NextDouble() * 0.6 - 0.3;
            if (attributes["disability"] == "Yes")
            {
                shift -= 0.45;
            }

            if (attributes["lgbtq"] == "Yes")
            {
                shift -= 0.3;
            }

            if (attributes["ethnicity"] is "Black" or "Mixed")
            {
                shift -= 0.2;
            }

            if (DivisionOf(functionOf, p.OrgUnitId) == "Customer Care")
            {
                shift -= 0.25;
            }

            org.Disposition[p.Id] = shift;
        }

        return org;
    }

    private static string DivisionOf(Dictionary<Guid, OrgUnit> units, Guid unitId)
    {
        var u = units[unitId];
        while (u.ParentId is { } parent && units[parent].ParentId is not null)
        {
            u = units[parent];
        }

        return u.Name;
    }

    public string Division(Guid unitId) => DivisionOf(Units.ToDictionary(u => u.Id), unitId);

    /// <summary>Unit ids drawn from the seed (a stream of their own, so the organisation's draws are unchanged): releases order cells by unit id, so a random id would make the same seed give a different complement choice on every run.</summary>
    private readonly Random ids;

    private DemoOrganisation(int seed) => ids = new Random(unchecked(seed * 31) + 17);

    private OrgUnit AddUnit(string externalId, string name, Guid? parentId)
    {
        var bytes = new byte[16];
        ids.NextBytes(bytes);
        var unit = new OrgUnit(RandomId.FromBytes(bytes), externalId, name, parentId);
        Units.Add(unit);
        return unit;
    }

    private static Dictionary<string, string> Draw(Random r, Person p, DateOnly today)
    {
        string Pick(params (string Value, double Weight)[] options)
        {
            var x = r.NextDouble() * options.Sum(o => o.Weight);
            foreach (var (value, weight) in options)
            {
                x -= weight;
                if (x <= 0)
                {
                    return value;
                }
            }

            return options[^1].Value;
        }

        var years = (today.DayNumber - p.StartDate.DayNumber) / 365.25;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["gender"] = Pick(("Woman", 0.47), ("Man", 0.49), ("Non-binary", 0.02), ("Prefer not to say", 0.02)),
            ["ethnicity"] = Pick(("White", 0.62), ("Asian", 0.16), ("Black", 0.09), ("Mixed", 0.06), ("Other", 0.03), ("Prefer not to say", 0.04)),
            ["disability"] = Pick(("No", 0.82), ("Yes", 0.12), ("Prefer not to say", 0.06)),
            ["lgbtq"] = Pick(("No", 0.85), ("Yes", 0.09), ("Prefer not to say", 0.06)),
            ["age_band"] = Pick(("Under 25", 0.1), ("25-34", 0.32), ("35-44", 0.28), ("45-54", 0.2), ("55+", 0.1)),
            ["tenure_band"] = years < 1 ? "Under 1 year" : years < 3 ? "1-3 years" : years < 6 ? "3-6 years" : "6+ years",
            ["location"] = Pick(("London", 0.35), ("Manchester", 0.2), ("Lisbon", 0.15), ("Remote", 0.3)),
            ["level"] = Pick(("Individual contributor", 0.72), ("Manager", 0.2), ("Senior leader", 0.08)),
            ["hired_via"] = Pick(("Referral", 0.3), ("Job board", 0.35), ("Recruiter", 0.2), ("Graduate scheme", 0.15)),
        };
    }
}
