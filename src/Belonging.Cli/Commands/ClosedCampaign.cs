namespace Belonging.Cli.Commands;

/// <summary>One line of <c>results list</c>, as written by <c>--format json</c>.</summary>
/// <param name="Id">Campaign id, for <c>results export</c>.</param>
/// <param name="Name">Campaign name.</param>
/// <param name="ClosedOn">Day it closed (UTC), or null.</param>
internal sealed record ClosedCampaign(Guid Id, string Name, DateOnly? ClosedOn);
