using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLServer.Errors;

namespace GraphQLServer.Validation;

/// <summary>An argument or variable value no resolver may see; code <c>VALIDATION_ERROR</c>, <c>extensions.field</c> its path.</summary>
public sealed class InputValueError : ValidationError
{
    public const string ValidationCode = "VALIDATION_ERROR";

    public InputValueError(ValidationContext context, ASTNode node, string field, string message)
        : base((context ?? throw new ArgumentNullException(nameof(context))).Document.Source, null, message, node)
    {
        Code = ValidationCode;
        Data[SafeErrorInfoProvider.FieldKey] = field;
    }
}
