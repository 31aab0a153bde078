using Belonging.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.Metrics;

/// <summary>Leading metrics are things the organisation does (e.g. % of new joiners with a buddy); lagging metrics are outcomes (belonging, intent to stay).</summary>
public enum MetricKind
{
    /// <summary>A process the organisation controls, expected to move outcomes later.</summary>
    Leading = 1,

    /// <summary>An outcome.</summary>
    Lagging = 2,
}

/// <summary>A metric the organisation tracks next to its survey outcomes. Values are organisation-level aggregates entered by admins, never about a person.</summary>
public sealed class Metric
{
    private Metric()
    {
    }

    public Metric(string name, MetricKind kind, string unit, string? description)
    {
        Id = Ids.New();
        Name = name;
        Kind = kind;
        Unit = unit;
        Description = description;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public MetricKind Kind { get; private set; }

    public string Unit { get; private set; } = "";

    public string? Description { get; private set; }
}

/// <summary>One value of a metric for a period (identified by the period's last day).</summary>
public sealed class MetricValue
{
    private MetricValue()
    {
    }

    public MetricValue(Guid metricId, DateOnly period, double value)
    {
        Id = Ids.New();
        MetricId = metricId;
        Period = period;
        Value = value;
    }

    public Guid Id { get; private set; }

    public Guid MetricId { get; private set; }

    public DateOnly Period { get; private set; }

    public double Value { get; private set; }

    /// <summary>Corrects the value for the same period.</summary>
    public void Correct(double value) => Value = value;
}

/// <summary>Input for a new metric.</summary>
public sealed record MetricRequest(string? Name, MetricKind? Kind, string? Unit, string? Description);

/// <summary>Input for a metric value.</summary>
public sealed record MetricValueRequest(DateOnly? Period, double? Value);

/// <summary>A metric's definition or value is invalid.</summary>
/// <param name="Errors">Messages per field.</param>
public sealed record MetricInvalidError(IDictionary<string, string[]> Errors)
    : Error("metrics.invalid", "The metric is not valid: " + string.Join(" ", Errors.SelectMany(e => e.Value))), IFieldErrors;

/// <summary>Creates metrics and records their values (upsert per period).</summary>
public sealed class MetricRegistry(AppDbContext db)
{
    public async Task<Result<Metric>> DefineAsync(MetricRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["Give the metric a name of 1 to 200 characters."];
        }
        else if (await db.Metrics.AnyAsync(m => m.Name == name, ct))
        {
            errors["name"] = [$"A metric called \"{name}\" already exists."];
        }

        if (request.Kind is not (MetricKind.Leading or MetricKind.Lagging))
        {
            errors["kind"] = ["Say whether the metric is leading (something you do) or lagging (an outcome)."];
        }

        var unit = request.Unit?.Trim() ?? "";
        if (unit.Length > 20)
        {
            errors["unit"] = ["Keep the unit short, e.g. \"%\" or \"people\"."];
        }

        if (request.Description?.Length > 1000)
        {
            errors["description"] = ["Keep the description under 1,000 characters."];
        }

        if (errors.Count > 0)
        {
            return new MetricInvalidError(errors);
        }

        var metric = new Metric(name, request.Kind!.Value, unit, string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim());
        db.Metrics.Add(metric);
        await db.SaveChangesAsync(ct);
        return metric;
    }

    public async Task<Result<MetricValue>> RecordAsync(Guid metricId, MetricValueRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Metrics.AnyAsync(m => m.Id == metricId, ct))
        {
            return new NotFound("metric", metricId.ToString());
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Period is null)
        {
            errors["period"] = ["Give the period's date (e.g. the last day of the quarter)."];
        }

        if (request.Value is not { } v || double.IsNaN(v) || double.IsInfinity(v))
        {
            errors["value"] = ["Give the value as a number."];
        }

        if (errors.Count > 0)
        {
            return new MetricInvalidError(errors);
        }

        var existing = await db.MetricValues.FirstOrDefaultAsync(x => x.MetricId == metricId && x.Period == request.Period!.Value, ct);
        if (existing is null)
        {
            existing = new MetricValue(metricId, request.Period!.Value, request.Value!.Value);
            db.MetricValues.Add(existing);
        }
        else
        {
            existing.Correct(request.Value!.Value);
        }

        await db.SaveChangesAsync(ct);
        return existing;
    }
}

internal sealed class MetricConfiguration : IEntityTypeConfiguration<Metric>
{
    public void Configure(EntityTypeBuilder<Metric> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.Name).IsUnique();
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Unit).HasMaxLength(20);
        b.Property(m => m.Description).HasMaxLength(1000);
    }
}

internal sealed class MetricValueConfiguration : IEntityTypeConfiguration<MetricValue>
{
    public void Configure(EntityTypeBuilder<MetricValue> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasIndex(v => new { v.MetricId, v.Period }).IsUnique();
        b.HasOne<Metric>().WithMany().HasForeignKey(v => v.MetricId).OnDelete(DeleteBehavior.Cascade);
    }
}
