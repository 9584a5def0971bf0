using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using GraphQLServer.Validation;
using KdFamily.Domain.Users;
using KdFamily.Graph.Achievements;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Families;
using KdFamily.Graph.Notifications;
using KdFamily.Graph.Points;
using KdFamily.Graph.Recurring;
using KdFamily.Graph.Rewards;
using KdFamily.Graph.TaskTypes;
using KdFamily.Graph.Tasks;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.SchemaRoot;

/// <summary>Relay's `node(id)` and `nodes(ids)`: refetch any Node of the caller's family by its global ID.</summary>
public static class NodeQueries
{
    public const int MaxNodes = 50;

    public static void AddNodeQueries(this ObjectGraphType query)
    {
        query.Field<NodeInterfaceType>("node")
            .Description("The object with this global ID; null when it does not exist or is not visible to the caller.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global ID.")
            .Resolve(context => Load(context, context.RequireFamilyId(), context.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterfaceType>>>("nodes")
            .Description($"The objects with these global IDs, in order; null entries for IDs that are unknown or not visible. At most {MaxNodes}.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global IDs.")
            .ListSize("ids", MaxNodes)
            .Resolve(context =>
            {
                var familyId = context.RequireFamilyId();
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxNodes)
                {
                    throw new ExecutionError($"`ids` may hold at most {MaxNodes} IDs.") { Code = InputValueError.ValidationCode };
                }

                return DataLoaderResult.WhenAll(ids.Select(id => Load(context, familyId, id)));
            });
    }

    private static IDataLoaderResult<object?> Load(IResolveFieldContext context, Guid familyId, string globalId) =>
        GlobalId.Decode(globalId) switch
        {
            ("Family", var id) when id == familyId => context.DataLoader<FamilyByIdDataLoader>().LoadAsync(id).Then(f => (object?)f),
            ("User", var id) => context.DataLoader<UserByIdDataLoader>().LoadAsync(id).Then(u => u?.FamilyId == familyId ? (object?)u : null),
            ("Task", var id) => context.DataLoader<TaskByIdDataLoader>().LoadAsync(id).Then(t => t?.FamilyId == familyId ? (object?)t : null),
            ("PointsTransaction", var id) => context.DataLoader<PointsTransactionByIdDataLoader>().LoadAsync(id)
                .Then(p => p?.FamilyId == familyId ? (object?)p : null),
            ("RecurringTask", var id) => context.DataLoader<RecurringTaskByIdDataLoader>().LoadAsync(id)
                .Then(t => t?.FamilyId == familyId ? (object?)t : null),
            ("Achievement", var id) => context.DataLoader<AchievementByIdDataLoader>().LoadAsync(id).Then(a => (object?)a),
            ("TaskType", var id) => context.DataLoader<TaskTypeByIdDataLoader>().LoadAsync(id).Then(t => t?.FamilyId == familyId ? (object?)t : null),
            ("Reward", var id) => context.DataLoader<RewardByIdDataLoader>().LoadAsync(id).Then(r => r?.FamilyId == familyId ? (object?)r : null),
            ("Redemption", var id) => context.DataLoader<RedemptionByIdDataLoader>().LoadAsync(id).Then(r => r?.FamilyId == familyId ? (object?)r : null),
            ("File", var id) => context.DataLoader<FileByIdDataLoader>().LoadAsync(id).Then(f => f?.FamilyId == familyId ? (object?)f.File : null),
            ("AuditLogEntry", var id) when context.CallerRole() == UserRole.Advisor => context.DataLoader<AuditLogEntryByIdDataLoader>().LoadAsync(id)
                .Then(a => a?.FamilyId == familyId ? (object?)a : null),
            ("Notification", var id) => context.DataLoader<NotificationByIdDataLoader>().LoadAsync(id)
                .Then(n => n is not null && n.UserId == context.User.GetUserId() ? (object?)n : null),
            _ => DataLoaderResult.FromValue<object?>(null),
        };
}
