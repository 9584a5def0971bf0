
namespace KdFamily.Domain.Errors;

/// <summary>The file is larger than the configured limit.</summary>
public sealed record FileTooLargeError(long MaxBytes, string Message) : DomainError(ErrorCodes.FileTooLarge, Message)
{
    public static FileTooLargeError Of(long maxBytes) => new(maxBytes, $"The file is larger than the limit of {maxBytes} bytes.");
}

/// <summary>The file's bytes are not one of the allowed kinds (JPEG, PNG, WebP, HEIC, PDF), whatever its name says.</summary>
public sealed record UnsupportedFileTypeError(string Message) : DomainError(ErrorCodes.UnsupportedFileType, Message);
