using Belonging.Web.Platform;

namespace Belonging.Web.Features.Answering;

internal static class AnsweringEndpoints
{
    public static WebApplicationBuilder AddAnswering(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AnswerSubmission>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAnswering(this IEndpointRouteBuilder app)
    {
        // Anonymous by design: the link token is the only credential, and it is single-use.
        var api = app.MapGroup("/api/answers").WithTags("Answering").AllowAnonymous().DisableAntiforgery();
        api.MapGet("/{token}", LoadAsync).WithName("GetSurvey").WithSummary("The survey behind a single-use link.");
        api.MapPost("/{token}", SubmitAsync).WithName("SubmitAnswers").WithSummary("Records one answer set for the link after a durable commit; repeating it records nothing more and is acknowledged alike.");
        return app;
    }

    private static async Task<IResult> LoadAsync(string token, AnswerSubmission submission, CancellationToken ct) =>
        (await submission.LoadAsync(token, ct)).Match(TypedResults.Ok, e => Map(e));

    private static async Task<IResult> SubmitAsync(string token, SubmitAnswersRequest request, AnswerSubmission submission, CancellationToken ct) =>
        (await submission.SubmitAsync(token, request, ct)).Match(TypedResults.Ok, e => Map(e));

    private static IResult Map(Belonging.Core.Error e) => e switch
    {
        AnswerError.UnknownLink => ErrorResults.Problem(e, StatusCodes.Status404NotFound),
        AnswerError.NotOpen => ErrorResults.Problem(e, StatusCodes.Status409Conflict),
        AnswerError.IdentifyingDetails d => ErrorResults.Problem(e, StatusCodes.Status422UnprocessableEntity, new Dictionary<string, object?>(StringComparer.Ordinal) { ["warnings"] = d.Errors }),
        _ => ErrorResults.From(e),
    };
}
