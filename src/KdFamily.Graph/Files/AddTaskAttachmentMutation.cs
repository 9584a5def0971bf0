using GraphQL.Types;
using GraphQLServer.Relay;
using GraphQLServer.Uploads;
using KdFamily.Application.Files;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.Files;

public sealed record AddTaskAttachmentInput(string TaskId, IUploadedFile File);

public sealed class AddTaskAttachmentInputType : InputObjectGraphType<AddTaskAttachmentInput>
{
    public AddTaskAttachmentInputType()
    {
        Name = "AddTaskAttachmentInput";
        Description = "The task and the file to attach to it.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A task of the caller's family: assigned to the caller, or any task for a parent.");
        Field<NonNullGraphType<UploadGraphType>>("file")
            .Description("A JPEG, PNG, WebP or HEIC photo or a PDF (recognised by its bytes), as a file part of a multipart request.");
    }
}

public sealed class AddTaskAttachmentErrorType() : ErrorUnionGraphType(
    "addTaskAttachment",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType),
    typeof(ValidationErrorType),
    typeof(FileTooLargeErrorType),
    typeof(UnsupportedFileTypeErrorType));

public sealed class AddTaskAttachmentPayloadType() : PayloadGraphType<TaskAttachment, FileType, AddTaskAttachmentErrorType>(
    "addTaskAttachment", "file", "The attached file.");

public static class AddTaskAttachmentMutation
{
    public static void AddAddTaskAttachment(this ObjectGraphType mutation) =>
        mutation.AddUseCase<AddTaskAttachmentPayloadType, AddTaskAttachmentInputType, AddTaskAttachment, TaskAttachment>(
            "addTaskAttachment",
            "The assignee or a parent attaches a file (e.g. a photo of the finished work) to a task, sent as a multipart request "
            + "(GraphQL multipart request spec, with the header `GraphQL-Preflight: 1`). Photos lose their location metadata before they are stored. "
            + "`taskUpdated` announces the change.",
            UserRole.Member,
            context =>
            {
                var input = context.Input<AddTaskAttachmentInput>();
                var file = input.File;
                return new AddTaskAttachment(
                    context.RequireUserId(),
                    GlobalId.Decode(input.TaskId, "Task"),
                    new FileUpload(file.FileName, file.Length, file.ExceedsLimit, file.OpenReadStream));
            });
}
