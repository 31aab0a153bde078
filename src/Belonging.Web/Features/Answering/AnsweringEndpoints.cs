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
        // Anonymous by design: the link token is the only credential, and it is single-use. A sign-in cookie the browser
        // may also send grants nothing here, so the cookie CSRF check (RequestForgery) does not apply. A whole answer
        // set with every comment at its limit is far below the body limit; anything larger gets a short 413.
        var api = app.MapGroup("/api/answers").WithTags("Answering").AllowAnonymous().DisableAntiforgery()
            .WithMetadata(new BodyLimit(MaxBodyBytes));
        api.MapGet("/{token}", LoadAsync).WithName("GetSurvey").WithSummary("The survey behind a single-use link.");
        api.MapPost("/{token}", SubmitAsync).WithName("SubmitAnswers").WithSummary("Records one answer set for the link after a durable commit; repeating it records nothing more and is acknowledged alike.");
        return app;
    }

    private static async Task<IResult> LoadAsync(string token, AnswerSubmission submission, CancellationToken ct) =>
        (await submission.LoadAsync(token, ct)).Match(TypedResults.Ok, e => Map(e));

    public const long MaxBodyBytes = 1024 * 1024;

    private static async Task<IResult> SubmitAsync(string token, SubmitAnswersRequest request, AnswerSubmission submission, CancellationToken ct)
    {
        // Checked before the link is looked up: a body without answers never spends a link, used or not.
        if (request?.Answers is null)
        {
            return ErrorResults.Validation(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["answers"] = ["Send the answers as an object of question code to answer, e.g. {\"answers\": {\"Q1\": \"4\"}}."] },
                "The field 'answers' is missing or null; nothing was recorded and the link was not used.");
        }

        // An instrument has at most 200 items; more answers than that cannot be right, and naming each unknown code
        // would make the error reply larger than the request.
        if (request.Answers.Count > MaxAnswers)
        {
            return ErrorResults.Validation(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["answers"] = [$"A survey has at most {MaxAnswers} questions; this request has {request.Answers.Count} answers."] },
                "Too many answers; nothing was recorded and the link was not used.");
        }

        return (await submission.SubmitAsync(token, request, ct)).Match(TypedResults.Ok, e => Map(e));
    }

    private const int MaxAnswers = 200;

    private static IResult Map(Belonging.Core.Error e) => e switch
    {
        AnswerError.UnknownLink => ErrorResults.Problem(e, StatusCodes.Status404NotFound),
        AnswerError.NotOpen => ErrorResults.Problem(e, StatusCodes.Status409Conflict),
        AnswerError.IdentifyingDetails d => ErrorResults.Problem(e, StatusCodes.Status422UnprocessableEntity, new Dictionary<string, object?>(StringComparer.Ordinal) { ["warnings"] = d.Errors }),
        _ => ErrorResults.From(e),
    };
}
