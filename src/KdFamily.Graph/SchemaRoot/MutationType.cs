using GraphQL.Types;
using KdFamily.Graph.Away;
using KdFamily.Graph.ChildAccounts;
using KdFamily.Graph.Families;
using KdFamily.Graph.Files;
using KdFamily.Graph.Notifications;
using KdFamily.Graph.Points;
using KdFamily.Graph.Privacy;
using KdFamily.Graph.Recurring;
using KdFamily.Graph.Rewards;
using KdFamily.Graph.Tasks;
using KdFamily.Graph.TaskTypes;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.SchemaRoot;

/// <summary>The Mutation root, assembled from each feature's extension method.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Changes to KD Family data. Each takes one `input` and returns a payload with the result and typed `errors`.";
        this.AddFamilyMutations();
        this.AddUserMutations();
        this.AddAwayMutations();
        this.AddTaskTypeMutations();
        this.AddNotificationMutations();
        this.AddRecurringTaskMutations();
        this.AddTaskMutations();
        this.AddFileMutations();
        this.AddPointsMutations();
        this.AddRewardMutations();
        this.AddPrivacyMutations();
        this.AddChildAccountMutations();
    }
}
