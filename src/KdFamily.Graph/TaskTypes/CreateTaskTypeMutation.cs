using GraphQL.Types;
using KdFamily.Application.TaskTypes;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.TaskTypes;

public sealed record CreateTaskTypeInput(string Name, string? Icon = null, int DefaultPoints = 0);

public sealed class CreateTaskTypeInputType : InputObjectGraphType<CreateTaskTypeInput>
{
    public CreateTaskTypeInputType()
    {
        Name = "CreateTaskTypeInput";
        Description = "A new task type for the caller's family.";
        Field<NonNullGraphType<StringGraphType>>("name").Description($"Name, unique within the family (1 to {TaskTypeAdministration.MaxName} characters).");
        Field<StringGraphType>("icon").Description("An icon name or emoji.");
        Field<IntGraphType>("defaultPoints").DefaultValue(0).Description($"Points suggested for new tasks of this type (0 to {TaskTypeAdministration.MaxDefaultPoints}).");
    }
}

public sealed class CreateTaskTypeErrorType() : ErrorUnionGraphType(
    "createTaskType", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(TaskTypeNameTakenErrorType));

public sealed class CreateTaskTypePayloadType() : PayloadGraphType<TaskType, TaskTypeGraphType, CreateTaskTypeErrorType>(
    "createTaskType", "taskType", "The new task type.");

public static class CreateTaskTypeMutation
{
    public static void AddCreateTaskType(this ObjectGraphType mutation) =>
        mutation.AddUseCase<CreateTaskTypePayloadType, CreateTaskTypeInputType, CreateTaskType, TaskType>(
            "createTaskType",
            "Adds a task type to the caller's family. Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<CreateTaskTypeInput>();
                return new CreateTaskType(context.RequireUserId(), input.Name, input.Icon, input.DefaultPoints);
            });
}
