namespace KdFamily.Domain.Errors;

/// <summary>The outcome of a domain operation: a value, or the expected error that prevented it.</summary>
public readonly record struct Result<T>
{
    public Result(T value)
    {
        Value = value;
    }

    public Result(DomainError error)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(DomainError error) => new(error);
}
