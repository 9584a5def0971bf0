using GraphQL;
using GraphQL.Types;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.SchemaRoot;

/// <summary>
/// How a mutation reaches the application layer: the field checks the caller's role for the request, translates its
/// one <c>input</c> to a command, runs the command's handler and shapes the result as the payload. Resolvers hold no
/// transaction, lock or save of their own.
/// </summary>
public static class UseCaseFields
{
    public static void AddUseCase<TPayloadType, TInputType, TCommand, TResult>(
        this ObjectGraphType mutation, string name, string description, UserRole minimum, Func<IResolveFieldContext, TCommand> command)
        where TPayloadType : IGraphType
        where TInputType : IInputObjectGraphType
    {
        ArgumentNullException.ThrowIfNull(mutation);
        ArgumentNullException.ThrowIfNull(command);
        mutation.Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .AuthorizeAtLeast(minimum)
            .Argument<NonNullGraphType<TInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var handler = context.RequestServices!.GetRequiredService<IUseCase<TCommand, TResult>>();
                return MutationPayload.From(await handler.HandleAsync(command(context), context.CancellationToken));
            });
    }

    /// <summary>The mutation's one <c>input</c> argument.</summary>
    public static T Input<T>(this IResolveFieldContext context) => context.GetArgument<T>("input");
}
