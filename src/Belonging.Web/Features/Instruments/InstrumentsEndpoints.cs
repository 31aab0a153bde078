using Belonging.Core.Surveys;
using Belonging.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belonging.Web.Features.Instruments;

internal static class InstrumentsEndpoints
{
    public static WebApplicationBuilder AddInstruments(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<InstrumentCatalogue>();
        return builder;
    }

    /// <summary>Ships the default instrument (public-domain FEVS and OGL CSPS items) into every database.</summary>
    public static async Task SeedInstrumentsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InstrumentCatalogue>().EnsureAsync(BlueprintCore.Instrument, CancellationToken.None);
    }

    public static IEndpointRouteBuilder MapInstruments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/instruments").WithTags("Instruments").RequireAuthorization(Auth.Admin);
        api.MapGet("/", ListAsync).WithName("ListInstruments").WithSummary("Instruments with their versions.");
        api.MapGet("/versions/{versionId:guid}", GetVersionAsync).WithName("GetInstrumentVersion").WithSummary("One version with its items in order.");
        api.MapPost("/", CreateAsync).WithName("CreateInstrument").WithSummary("Creates an instrument with its first version.");
        api.MapPost("/{id:guid}/versions", AddVersionAsync).WithName("AddInstrumentVersion").WithSummary("Adds a new version (edit, reorder, add or remove items); earlier versions stay as they were.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<InstrumentSummary>>> ListAsync(InstrumentCatalogue catalogue, CancellationToken ct) =>
        TypedResults.Ok(await catalogue.ListAsync(ct));

    private static async Task<IResult> GetVersionAsync(Guid versionId, InstrumentCatalogue catalogue, CancellationToken ct) =>
        (await catalogue.GetVersionAsync(versionId, ct)).Match(TypedResults.Ok, e => ErrorResults.From(e));

    private static async Task<IResult> CreateAsync(CreateInstrumentRequest request, InstrumentCatalogue catalogue, CancellationToken ct) =>
        (await catalogue.CreateAsync(request, ct)).Match(v => TypedResults.Created($"/api/instruments/versions/{v.Id}", v), e => ErrorResults.From(e));

    private static async Task<IResult> AddVersionAsync(Guid id, NewVersionRequest request, InstrumentCatalogue catalogue, CancellationToken ct) =>
        (await catalogue.AddVersionAsync(id, request, ct)).Match(v => TypedResults.Created($"/api/instruments/versions/{v.Id}", v), e => ErrorResults.From(e));
}
