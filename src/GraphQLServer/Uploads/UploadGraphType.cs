using GraphQL.Types;
using GraphQLParser.AST;

namespace GraphQLServer.Uploads;

/// <summary>
/// `Upload`: a file sent as a part of a multipart request (GraphQL multipart request spec). Input only: its value is
/// an <see cref="IUploadedFile"/> the transport put in the variables; it cannot be written in a document.
/// </summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file part of a multipart request (GraphQL multipart request spec); send the variable as null and map the part to it.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value, "An Upload is sent as a file part of a multipart request, mapped to a variable."),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        IUploadedFile file => file,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => ThrowSerializationError(value);
}
