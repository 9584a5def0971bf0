using GraphQL;
using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Schema.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Recurring;

/// <summary>createRecurringTask, updateRecurringTask, pauseRecurringTask, deleteRecurringTask (parents and advisors).</summary>
public static class RecurringTaskMutations
{
    public static void AddRecurringTaskMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateRecurringTaskPayloadType>>("createRecurringTask")
            .Description("Creates a recurring task in the caller's family and its first instance (the next occurrence due in the future). Parents and advisors.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<CreateRecurringTaskInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context => await CreateAsync(context, context.GetArgument<CreateRecurringTaskInput>("input")));

        mutation.Field<NonNullGraphType<UpdateRecurringTaskPayloadType>>("updateRecurringTask")
            .Description("Changes a recurring task; the next instance follows the new definition. Parents and advisors.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<UpdateRecurringTaskInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context => await UpdateAsync(context, context.GetArgument<UpdateRecurringTaskInput>("input")));

        mutation.Field<NonNullGraphType<PauseRecurringTaskPayloadType>>("pauseRecurringTask")
            .Description("Pauses or resumes a recurring task. Parents and advisors.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<PauseRecurringTaskInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<PauseRecurringTaskInput>("input");
                return await ChangeAsync(context, input.Id, input.Paused ? "recurring_task.paused" : "recurring_task.resumed",
                    (template, actor, _, _) => Task.FromResult(RecurringTaskEditor.SetPaused(template, actor, input.Paused)), generate: !input.Paused);
            });

        mutation.Field<NonNullGraphType<DeleteRecurringTaskPayloadType>>("deleteRecurringTask")
            .Description("Deletes a recurring task: no further instances. Parents and advisors.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<DeleteRecurringTaskInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context => await ChangeAsync(context, context.GetArgument<DeleteRecurringTaskInput>("input").Id, "recurring_task.deleted",
                (template, actor, _, now) => Task.FromResult(RecurringTaskEditor.Delete(template, actor, now)), generate: false));
    }

    private static async Task<MutationPayload<RecurringTaskTemplate>> CreateAsync(IResolveFieldContext context, CreateRecurringTaskInput input)
    {
        var (db, actor, now) = await BeginAsync(context);
        if (actor is null)
        {
            return MutationPayload.Failure<RecurringTaskTemplate>(NotFoundError.Of("User"));
        }

        if (await db.RecurringTaskTemplates.CountAsync(t => t.FamilyId == actor.FamilyId && t.DeletedAt == null, context.CancellationToken) >= FamilyLimits.MaxRecurringTasks)
        {
            return MutationPayload.Failure<RecurringTaskTemplate>(new ValidationError("title",
                $"A family can have at most {FamilyLimits.MaxRecurringTasks} recurring tasks; delete one first."));
        }

        var assignee = await FindAssigneeAsync(db, input.AssignedToId, context.CancellationToken);
        if (input.AssignedToId is not null && assignee is null)
        {
            return MutationPayload.Failure<RecurringTaskTemplate>(NotFoundError.Of("User"));
        }

        if (ParseDueTime(input.DueTime) is not { } dueTime)
        {
            return MutationPayload.Failure<RecurringTaskTemplate>(InvalidDueTime());
        }

        var startDate = input.StartDate ?? await TodayAsync(db, actor.FamilyId, now, context.CancellationToken);
        var draft = new RecurringTaskDraft(input.Title, input.Description, input.Points, input.Priority, input.DifficultyLevel, input.EstimatedMinutes,
            input.Frequency, input.Interval, input.DaysOfWeek ?? [], input.DayOfMonth, startDate, dueTime);
        var result = RecurringTaskEditor.Create(actor, draft, assignee, now);
        if (result.Value is { } template)
        {
            db.RecurringTaskTemplates.Add(template);
            Audit(context, "recurring_task.created", template, actor);
            await db.SaveChangesAsync(context.CancellationToken);
            await GenerateNextAsync(context, db, template.Id, now);
        }

        return MutationPayload.From(result);
    }

    private static Task<MutationPayload<RecurringTaskTemplate>> UpdateAsync(IResolveFieldContext context, UpdateRecurringTaskInput input) =>
        ChangeAsync(context, input.Id, "recurring_task.updated", async (template, actor, db, _) =>
        {
            var assigneeId = template.AssignedToId;
            if (input.Unassign == true)
            {
                assigneeId = null;
            }
            else if (input.AssignedToId is not null)
            {
                assigneeId = DecodeUser(input.AssignedToId);
                if (assigneeId is null)
                {
                    return NotFoundError.Of("User");
                }
            }

            var assignee = assigneeId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == assigneeId, context.CancellationToken);
            if (assigneeId is not null && assignee is null)
            {
                return NotFoundError.Of("User");
            }

            var current = RecurringTaskDraft.From(template);
            var dueTime = input.DueTime is null ? current.DueTime : ParseDueTime(input.DueTime);
            if (dueTime is null)
            {
                return InvalidDueTime();
            }

            var draft = current with
            {
                Title = input.Title ?? current.Title,
                Description = input.Description ?? current.Description,
                Points = input.Points ?? current.Points,
                Frequency = input.Frequency ?? current.Frequency,
                Interval = input.Interval ?? current.Interval,
                DaysOfWeek = input.DaysOfWeek ?? current.DaysOfWeek,
                DayOfMonth = input.DayOfMonth ?? current.DayOfMonth,
                StartDate = input.StartDate ?? current.StartDate,
                DueTime = dueTime.Value,
                Priority = input.Priority ?? current.Priority,
                DifficultyLevel = input.DifficultyLevel ?? current.DifficultyLevel,
                EstimatedMinutes = input.EstimatedMinutes ?? current.EstimatedMinutes,
            };
            return RecurringTaskEditor.Update(template, actor, draft, assignee);
        }, generate: true);

    /// <summary>Loads the caller and the template (NOT_FOUND for malformed, foreign or missing IDs), applies the change, audits, saves.</summary>
    private static async Task<MutationPayload<RecurringTaskTemplate>> ChangeAsync(
        IResolveFieldContext context, string globalId, string auditAction,
        Func<RecurringTaskTemplate, User, KdFamilyDbContext, Instant, Task<Result<RecurringTaskTemplate>>> change, bool generate)
    {
        var (db, actor, now) = await BeginAsync(context);
        var id = GlobalId.Decode(globalId, "RecurringTask");
        var template = actor is null || id is null
            ? null
            : await db.RecurringTaskTemplates.FirstOrDefaultAsync(t => t.Id == id && t.FamilyId == actor.FamilyId, context.CancellationToken);
        if (actor is null || template is null)
        {
            return MutationPayload.Failure<RecurringTaskTemplate>(NotFoundError.Of("RecurringTask"));
        }

        var result = await change(template, actor, db, now);
        if (result.IsSuccess)
        {
            Audit(context, auditAction, template, actor);
            await db.SaveChangesAsync(context.CancellationToken);
            if (generate)
            {
                await GenerateNextAsync(context, db, template.Id, now);
            }
        }

        return MutationPayload.From(result);
    }

    /// <summary>Creates the template's next instance if one is due, and announces it (taskCreated) once committed.</summary>
    private static async Task GenerateNextAsync(IResolveFieldContext context, KdFamilyDbContext db, Guid templateId, Instant now)
    {
        if (await RecurringTaskGenerator.GenerateNextAsync(db, templateId, now, context.CancellationToken) is { } instance)
        {
            var events = context.RequestServices!.GetRequiredService<IFamilyEvents>();
            events.TaskCreated(instance);
            await events.PublishAsync();
        }
    }

    private static async Task<(KdFamilyDbContext Db, User? Actor, Instant Now)> BeginAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var db = services.GetRequiredService<KdFamilyDbContext>();
        var actorId = context.RequireUserId();
        var actor = await db.Users.FirstOrDefaultAsync(u => u.Id == actorId && u.RemovedAt == null, context.CancellationToken);
        return (db, actor, services.GetRequiredService<IClock>().GetCurrentInstant());
    }

    private static async Task<User?> FindAssigneeAsync(KdFamilyDbContext db, string? globalId, CancellationToken cancellationToken) =>
        DecodeUser(globalId) is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) : null;

    private static Guid? DecodeUser(string? globalId) => globalId is null ? null : GlobalId.Decode(globalId, "User");

    private static async Task<LocalDate> TodayAsync(KdFamilyDbContext db, Guid familyId, Instant now, CancellationToken cancellationToken)
    {
        var timeZone = await db.Families.Where(f => f.Id == familyId).Select(f => f.TimeZone).SingleAsync(cancellationToken);
        return now.InZone(FamilyWeek.Zone(timeZone)).Date;
    }

    private static LocalTime? ParseDueTime(string text) =>
        RecurringTaskType.DueTimePattern.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    private static ValidationError InvalidDueTime() => new("dueTime", "The due time must be a local time HH:mm, e.g. 18:00.");

    private static void Audit(IResolveFieldContext context, string action, RecurringTaskTemplate template, User actor) =>
        context.RequestServices!.GetRequiredService<AuditTrail>().Record(action, template.FamilyId, actor.Id, "RecurringTask", template.Id);
}
