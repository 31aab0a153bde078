namespace Belonging.Core;

/// <summary>An expected failure, as a value. Each feature declares its own sealed records deriving from this (in its <c>Errors.cs</c>).</summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>roster.invalid</c>.</param>
/// <param name="Message">Plain-language explanation for the person who can fix it.</param>
public abstract record Error(string Code, string Message);

/// <summary>An error that names the fields that are wrong (rendered as an RFC 9457 validation problem by the hosts).</summary>
public interface IFieldErrors
{
    /// <summary>Messages per field name (JSON property path, e.g. <c>items[2].code</c>).</summary>
    IDictionary<string, string[]> Errors { get; }
}

/// <summary>The thing asked for does not exist, or the caller may not know that it does.</summary>
/// <param name="What">Plain name of the thing (e.g. "campaign").</param>
/// <param name="Id">The id that was asked for.</param>
public sealed record NotFound(string What, string Id) : Error("not_found", $"No {What} with id '{Id}' exists (or you may not see it).");

/// <summary>Either a value or an <see cref="Error"/>. Bugs stay exceptions; expected failures travel as this.</summary>
/// <typeparam name="T">The success value type.</typeparam>
public readonly record struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    /// <summary>The error, or null on success.</summary>
    public Error? Error { get; }

    /// <summary>True when there is a value.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The value. Throws when this is a failure: check <see cref="IsSuccess"/> or use <see cref="Match{TOut}"/>.</summary>
    /// <exception cref="InvalidOperationException">The result is a failure.</exception>
    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"Result is a failure: {Error!.Code}");

    /// <summary>A success.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static Result<T> Success(T value) => new(value, null);

    /// <summary>A failure.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static Result<T> Failure(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Handles both cases.</summary>
    /// <param name="success">Called with the value.</param>
    /// <param name="failure">Called with the error.</param>
    /// <typeparam name="TOut">What both return.</typeparam>
    /// <returns>The handler's result.</returns>
    public TOut Match<TOut>(Func<T, TOut> success, Func<Error, TOut> failure)
    {
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        return IsSuccess ? success(value!) : failure(Error!);
    }

#pragma warning disable CA2225 // Named alternates exist: Success and Failure.
    /// <summary>Wraps a value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Result<T>(T value) => Success(value);

    /// <summary>Wraps an error.</summary>
    /// <param name="error">The error.</param>
    public static implicit operator Result<T>(Error error) => Failure(error);
#pragma warning restore CA2225
}
