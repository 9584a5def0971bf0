using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Files;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.Files;

public sealed record RemoveTaskAttachmentInput(string FileId);

public sealed class RemoveTaskAttachmentInputType : InputObjectGraphType<RemoveTaskAttachmentInput>
{
    public RemoveTaskAttachmentInputType()
    {
        Name = "RemoveTaskAttachmentInput";
        Description = "The attached file to remove.";
        Field<NonNullGraphType<IdGraphType>>("fileId").Description("A file attached to a task of the caller's family.");
    }
}

public sealed class RemoveTaskAttachmentErrorType() : ErrorUnionGraphType(
    "removeTaskAttachment",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType));

public sealed class RemoveTaskAttachmentPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, RemoveTaskAttachmentErrorType>(
    "removeTaskAttachment", "task", "The task the file was attached to, without it.");

public static class RemoveTaskAttachmentMutation
{
    public static void AddRemoveTaskAttachment(this ObjectGraphType mutation) =>
        mutation.AddUseCase<RemoveTaskAttachmentPayloadType, RemoveTaskAttachmentInputType, RemoveTaskAttachment, FamilyTask>(
            "removeTaskAttachment",
            "Whoever attached a file, or a parent, removes it from its task; its stored bytes are deleted. `taskUpdated` announces the change.",
            UserRole.Member,
            context => new RemoveTaskAttachment(context.RequireUserId(), GlobalId.Decode(context.Input<RemoveTaskAttachmentInput>().FileId, "File")));
}
