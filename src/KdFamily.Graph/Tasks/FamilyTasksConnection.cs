using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQLServer.Paging;
using GraphQLServer.Relay;
using GraphQLServer.Validation;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace KdFamily.Graph.Tasks;

public sealed class TasksConnectionType() : ConnectionGraphType<TaskGraphType, TasksEdgeType, FamilyTask>("TasksConnection", "tasks");

public sealed class TasksEdgeType() : EdgeGraphType<TaskGraphType, FamilyTask>("TasksEdge", "task");

/// <summary>`Family.tasks`: every (not deleted) task of the family, filtered, sorted and paged by keyset cursors.</summary>
public static class FamilyTasksConnection
{
    public const int MaxSearchLength = 200;

    /// <summary>dueDate, createdAt, priority, points: a longer `order` repeats one.</summary>
    private const int SortFieldCount = 4;

    private static readonly Instant NoDueDate = Instant.FromUtc(9999, 12, 31, 0, 0);

    public static void AddFamilyTasksConnection(this ObjectGraphType<Family> family)
    {
        family.Field<TasksConnectionType>("tasks")
            .Description("All tasks of the family (approved included), filtered, sorted and paged; default 10 per page, at most 50.")
            .Argument<IntGraphType>("first", "Page size, reading forward.")
            .Argument<StringGraphType>("after", "Cursor to read forward from.")
            .Argument<IntGraphType>("last", "Page size, reading backward.")
            .Argument<StringGraphType>("before", "Cursor to read backward from.")
            .Argument<TaskFilterInput>("where", "Which tasks to list.")
            .Argument<ListGraphType<NonNullGraphType<TaskSortInput>>>("order", "Sort keys, applied in order; default createdAt DESC.")
            .ResolveAsync(async context =>
            {
                var filter = context.GetArgument<TaskFilter?>("where");
                var order = context.GetArgument<List<TaskSort>?>("order") ?? [];
                var dbFactory = context.RequestServices!.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>();
                await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
                var now = context.RequestServices!.GetRequiredService<IClock>().GetCurrentInstant();
                var query = Filter(db.Tasks.AsNoTracking().Where(t => t.FamilyId == context.Source.Id), filter, now);
                return await KeysetPaging.ToConnectionAsync(query, Keys(order), PageRequest.From(context), context.CancellationToken);
            });
    }

    private static IQueryable<FamilyTask> Filter(IQueryable<FamilyTask> query, TaskFilter? filter, Instant now)
    {
        if (filter?.Status is { } status)
        {
            query = status.Eq is { } eq ? query.Where(t => t.Status == eq) : query;
            query = status.In is { } statuses ? query.Where(t => statuses.Contains(t.Status)) : query;
        }

        if (filter?.Priority is { } priority)
        {
            query = priority.Eq is { } eq ? query.Where(t => t.Priority == eq) : query;
            query = priority.In is { } priorities ? query.Where(t => priorities.Contains(t.Priority)) : query;
        }

        if (filter?.AssignedToId is { Eq: var assignee } && assignee is not null)
        {
            // An ID that is not a user's matches nothing, like a user of another family.
            var userId = GlobalId.Decode(assignee, "User");
            query = query.Where(t => t.AssignedToId == userId);
        }

        if (filter?.DueBefore is { } dueBefore)
        {
            query = query.Where(t => t.DueDate != null && t.DueDate < dueBefore);
        }

        if (filter?.DueAfter is { } dueAfter)
        {
            query = query.Where(t => t.DueDate != null && t.DueDate >= dueAfter);
        }

        if (filter?.Overdue is { } overdue)
        {
            var overdueAt = FamilyTask.OverdueAt(now);
            query = overdue
                ? query.Where(overdueAt)
                : query.Where(t => t.DueDate == null || t.DueDate >= now || t.Status == FamilyTaskStatus.Completed || t.Status == FamilyTaskStatus.Approved);
        }

        if (filter?.Search?.Trim() is { Length: > 0 } search)
        {
            if (search.Length > MaxSearchLength)
            {
                var error = new ExecutionError($"`where.search` may have at most {MaxSearchLength} characters.") { Code = InputValueError.ValidationCode };
                error.Data["field"] = "search";
                throw error;
            }

            // Uses the GIN index on the generated tsvector column (english configuration, like the column).
            query = query.Where(t => t.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery("english", search)));
        }

        return query;
    }

    private static List<KeysetKey<FamilyTask>> Keys(List<TaskSort> order)
    {
        var keys = new List<KeysetKey<FamilyTask>>();
        if (order.Count > SortFieldCount)
        {
            throw InvalidOrder($"`order` may have at most {SortFieldCount} entries, one per sort field.");
        }

        foreach (var sort in order)
        {
            var set = new[] { sort.DueDate, sort.CreatedAt, sort.Priority, sort.Points }.Count(d => d is not null);
            if (set != 1)
            {
                throw InvalidOrder("Each `order` entry must set exactly one field.");
            }

            keys.Add(sort switch
            {
                { DueDate: { } d } => InstantKey("dueDate", t => t.DueDate ?? NoDueDate, d),
                { CreatedAt: { } d } => InstantKey("createdAt", t => t.CreatedAt, d),
                { Priority: { } d } => IntKey("priority", t => t.Priority == TaskPriority.Urgent ? 3 : t.Priority == TaskPriority.High ? 2 : t.Priority == TaskPriority.Medium ? 1 : 0, d),
                { Points: { } d } => IntKey("points", t => t.Points, d),
                _ => throw new InvalidOperationException("unreachable"),
            });
        }

        if (keys.Select(k => k.Name).Distinct().Count() != keys.Count)
        {
            throw InvalidOrder("Each sort field may appear in `order` once.");
        }

        if (keys.Count == 0)
        {
            keys.Add(InstantKey("createdAt", t => t.CreatedAt, SortDirection.Desc));
        }

        keys.Add(KeysetKey.Create<FamilyTask, Guid>("id", t => t.Id, keys[^1].Descending, g => g.ToString("N"), s => Guid.ParseExact(s, "N")));
        return keys;
    }

    private static ExecutionError InvalidOrder(string message)
    {
        var error = new ExecutionError(message) { Code = InputValueError.ValidationCode };
        error.Data["field"] = "order";
        return error;
    }

    private static KeysetKey<FamilyTask> InstantKey(string name, System.Linq.Expressions.Expression<Func<FamilyTask, Instant>> selector, SortDirection direction) =>
        KeysetKey.Create(name, selector, direction == SortDirection.Desc, InstantPattern.ExtendedIso.Format, s => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow());

    private static KeysetKey<FamilyTask> IntKey(string name, System.Linq.Expressions.Expression<Func<FamilyTask, int>> selector, SortDirection direction) =>
        KeysetKey.Create(name, selector, direction == SortDirection.Desc, i => i.ToString(CultureInfo.InvariantCulture), s => int.Parse(s, CultureInfo.InvariantCulture));
}
