using GraphQL.Types;
using KdFamily.Domain.Errors;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Files;

public sealed class FileTooLargeErrorType : DomainErrorGraphType<FileTooLargeError>
{
    public FileTooLargeErrorType()
        : base("The file is larger than the limit (code FILE_TOO_LARGE).")
    {
        Field<NonNullGraphType<IntGraphType>>("maxBytes").Description("The limit in bytes.").Resolve(c => checked((int)c.Source.MaxBytes));
    }
}

public sealed class UnsupportedFileTypeErrorType() : DomainErrorGraphType<UnsupportedFileTypeError>(
    "The file's content is not a JPEG, PNG, WebP or HEIC image nor a PDF, whatever its name says (code UNSUPPORTED_FILE_TYPE).");
