using Belonging.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belonging.Web.Platform;

/// <summary>The one place that maps expected failures (typed <see cref="Error"/> values) to RFC 9457 problem details.</summary>
internal static class ErrorResults
{
    public static ProblemHttpResult Problem(Error error, int status = StatusCodes.Status400BadRequest, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var ext = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>(StringComparer.Ordinal), StringComparer.Ordinal)
        {
            ["code"] = error.Code,
        };
        return TypedResults.Problem(detail: error.Message, statusCode: status, title: Title(status), type: $"https://belonging.dev/problems/{error.Code}", extensions: ext);
    }

    /// <summary>Maps any expected failure: not-found → 404, field errors → 400 validation problem, anything else → <paramref name="conflictStatus"/>.</summary>
    public static IResult From(Error error, int conflictStatus = StatusCodes.Status409Conflict) => error switch
    {
        Belonging.Core.NotFound => Problem(error, StatusCodes.Status404NotFound),
        IFieldErrors f => Validation(f.Errors, error.Message),
        _ => Problem(error, conflictStatus),
    };

    public static ValidationProblem Validation(IDictionary<string, string[]> fieldErrors, string? detail = null) =>
        TypedResults.ValidationProblem(fieldErrors, detail: detail ?? "Some fields are not valid; nothing was changed.", title: "The request has invalid fields.");

    private static string Title(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state.",
        StatusCodes.Status413PayloadTooLarge => "The upload is too large.",
        StatusCodes.Status422UnprocessableEntity => "The content could not be processed.",
        _ => "The request could not be completed.",
    };
}
