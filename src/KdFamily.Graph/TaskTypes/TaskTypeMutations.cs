using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.TaskTypes;

/// <summary>`createTaskType`, `updateTaskType`, `deleteTaskType` (parents and advisors) and `Family.taskTypes`.</summary>
public static class TaskTypeMutations
{
    public static void AddTaskTypeMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateTaskTypePayloadType>>("createTaskType")
            .Description("Adds a task type to the caller's family. Parents and advisors.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<CreateTaskTypeInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<CreateTaskTypeInput>("input");
                var (db, actor, now) = await LoadActorAsync(context);
                if (actor is null)
                {
                    return MutationPayload.Failure<TaskType>(NotFoundError.Of("User"));
                }

                if (await db.TaskTypes.CountAsync(t => t.FamilyId == actor.FamilyId && t.DeletedAt == null, context.CancellationToken) >= FamilyLimits.MaxTaskTypes)
                {
                    return MutationPayload.Failure<TaskType>(new ValidationError("name",
                        $"A family can have at most {FamilyLimits.MaxTaskTypes} task types; delete one first."));
                }

                var result = TaskTypeAdministration.Create(actor, input.Name, input.Icon, input.DefaultPoints, now);
                if (result.Value is { } type)
                {
                    db.TaskTypes.Add(type);
                }

                return await SaveAsync(db, result, context.CancellationToken);
            });

        mutation.Field<NonNullGraphType<UpdateTaskTypePayloadType>>("updateTaskType")
            .Description("Renames a task type or changes its icon or default points. Parents and advisors.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<UpdateTaskTypeInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<UpdateTaskTypeInput>("input");
                var (db, actor, _) = await LoadActorAsync(context);
                var type = await LoadTypeAsync(db, input.TaskTypeId, context.CancellationToken);
                return actor is null || type is null
                    ? MutationPayload.Failure<TaskType>(NotFoundError.Of("Task type"))
                    : await SaveAsync(db, TaskTypeAdministration.Update(type, actor, input.Name, input.Icon, input.DefaultPoints), context.CancellationToken);
            });

        mutation.Field<NonNullGraphType<DeleteTaskTypePayloadType>>("deleteTaskType")
            .Description("Deletes a task type (softly: tasks that used it keep their history). Parents and advisors.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<DeleteTaskTypeInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<DeleteTaskTypeInput>("input");
                var (db, actor, now) = await LoadActorAsync(context);
                var type = await LoadTypeAsync(db, input.TaskTypeId, context.CancellationToken);
                return actor is null || type is null
                    ? MutationPayload.Failure<TaskType>(NotFoundError.Of("Task type"))
                    : await SaveAsync(db, TaskTypeAdministration.Delete(type, actor, now), context.CancellationToken);
            });
    }

    public static void AddTaskTypes(this ObjectGraphType<Family> family)
    {
        family.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskTypeGraphType>>>>("taskTypes")
            .Description($"The family's task types, by name (at most {FamilyLimits.MaxTaskTypes}).")
            .ListSize(FamilyLimits.MaxTaskTypes)
            .Resolve(c => c.DataLoader<TaskTypesByFamilyIdDataLoader>().LoadAsync(c.Source.Id));
    }

    private static async Task<(KdFamilyDbContext Db, User? Actor, Instant Now)> LoadActorAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var db = services.GetRequiredService<KdFamilyDbContext>();
        var actorId = context.RequireUserId();
        var actor = await db.Users.FirstOrDefaultAsync(u => u.Id == actorId && u.RemovedAt == null, context.CancellationToken);
        return (db, actor, services.GetRequiredService<IClock>().GetCurrentInstant());
    }

    private static async Task<TaskType?> LoadTypeAsync(KdFamilyDbContext db, string globalId, CancellationToken cancellationToken) =>
        GlobalId.Decode(globalId, "TaskType") is { } id ? await db.TaskTypes.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) : null;

    private static async Task<MutationPayload<TaskType>> SaveAsync(KdFamilyDbContext db, Result<TaskType> result, CancellationToken cancellationToken)
    {
        if (result.Value is not { } type)
        {
            return MutationPayload.From(result);
        }

        // The unique index (family, name) among live types is the arbiter; checking first gives the common case a clean answer.
        if (type.DeletedAt is null && await db.TaskTypes.AnyAsync(t => t.FamilyId == type.FamilyId && t.Name == type.Name && t.Id != type.Id, cancellationToken))
        {
            return MutationPayload.Failure<TaskType>(NameTaken(type.Name));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return MutationPayload.Failure<TaskType>(NameTaken(type.Name));
        }

        return MutationPayload.From(result);
    }

    private static TaskTypeNameTakenError NameTaken(string name) => new($"The family already has a task type named \"{name}\".");
}
