using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using KdFamily.Domain.Families;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Reminders;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Leaderboards;
using KdFamily.Graph.Points;
using KdFamily.Graph.Recurring;
using KdFamily.Graph.Rewards;
using KdFamily.Graph.TaskTypes;
using KdFamily.Graph.Tasks;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Families;

public sealed class FamilyType : ObjectGraphType<Family>
{
    public FamilyType()
    {
        Name = "Family";
        Description = "A household: its members, their tasks and points.";
        this.ImplementsNode(f => f.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The family's name.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Description("A few words about the family.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("IANA time zone; weeks and streaks are computed in it.")
            .Resolve(c => c.Source.TimeZone);
        Field<NonNullGraphType<IntGraphType>>("reminderLeadMinutes")
            .Description($"How long before a task's due date its assignee gets TASK_DUE_SOON ({TaskReminderRules.MinLeadMinutes} to {TaskReminderRules.MaxLeadMinutes}; 0 sends none). Default {TaskReminderRules.DefaultLeadMinutes}.")
            .Resolve(c => c.Source.ReminderLeadMinutes);
        Field<StringGraphType>("inviteCode").Description("Code that lets someone join as a MEMBER; visible to advisors only, null for others.")
            .Resolve(c => c.CallerRole() == UserRole.Advisor && c.User.GetFamilyId() == c.Source.Id ? c.Source.InviteCode : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserType>>>>("members").Description($"Current members, by name (at most {FamilyLimits.MaxMembers}).")
            .ListSize(FamilyLimits.MaxMembers)
            .Resolve(c => c.DataLoader<MembersByFamilyIdDataLoader>().LoadAsync(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskGraphType>>>>("activeTasks")
            .Description($"Open work: PENDING, IN_PROGRESS, COMPLETED and REJECTED tasks, by due date; the first {FamilyLimits.MaxActiveTasksListed} (page `tasks` for all).")
            .ListSize(FamilyLimits.MaxActiveTasksListed)
            .Resolve(c => c.DataLoader<ActiveTasksByFamilyIdDataLoader>().LoadAsync(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskGraphType>>>>("awaitingApproval")
            .Description($"The approval queue: COMPLETED tasks, oldest completion first; the first {AwaitingApprovalByFamilyIdDataLoader.MaxListed} (approve them with `approveTasks` to see more).")
            .ListSize(AwaitingApprovalByFamilyIdDataLoader.MaxListed)
            .Resolve(c => c.DataLoader<AwaitingApprovalByFamilyIdDataLoader>().LoadAsync(c.Source.Id));
        this.AddFamilyTasksConnection();
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LeaderboardEntryType>>>>("leaderboard")
            .Description("Every current member ranked by points (ties share a rank and are listed by name).")
            .ListSize(FamilyLimits.MaxMembers)
            .Argument<LeaderboardPeriodType>("period", a => { a.DefaultValue = LeaderboardPeriod.Week; a.Description = "Which points to rank by."; })
            .Resolve(c => FamilyLeaderboard.Load(
                c.DataLoaders(), c.Source.Id, c.GetArgument("period", LeaderboardPeriod.Week)));
        Field<NonNullGraphType<WeeklyStatsType>>("weeklyStats").Description("The current week in numbers.")
            .Resolve(c => DataLoaderResult.Combine(
                FamilyLeaderboard.Load(c.DataLoaders(), c.Source.Id, LeaderboardPeriod.Week),
                c.DataLoader<MemberStatsByFamilyIdDataLoader>().LoadAsync(c.Source.Id),
                (board, stats) => new WeeklyStats(
                    stats!.Week.StartDate,
                    stats.Week.Start,
                    stats.Week.End,
                    board.Sum(e => e.WeeklyPoints),
                    board.Sum(e => stats.For(e.User.Id).TasksApprovedThisWeek),
                    board.FirstOrDefault(e => e.WeeklyPoints > 0)?.User)));
        this.AddPointsHistoryConnection();
        this.AddTaskTypes();
        this.AddAuditLog();
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WeeklySettlementType>>>>("weeklyHistory")
            .Description("Final standings of the family's ended weeks, newest first.")
            .ListSize("last", WeeklySettlementsByFamilyIdDataLoader.MaxLast)
            .Argument<IntGraphType>("last", a => { a.DefaultValue = 10; a.Description = $"How many weeks (at most {WeeklySettlementsByFamilyIdDataLoader.MaxLast})."; })
            .Resolve(c => c.DataLoader<WeeklySettlementsByFamilyIdDataLoader>()
                .LoadAsync(new WeeklyHistoryKey(c.Source.Id, Math.Clamp(c.GetArgument("last", 10), 0, WeeklySettlementsByFamilyIdDataLoader.MaxLast)))
                .Then(list => list ?? []));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecurringTaskType>>>>("recurringTasks")
            .Description($"The family's recurring tasks (paused ones included), by title (at most {FamilyLimits.MaxRecurringTasks}).")
            .ListSize(FamilyLimits.MaxRecurringTasks)
            .Resolve(c => c.DataLoader<RecurringTasksByFamilyIdDataLoader>().LoadAsync(c.Source.Id));
        this.AddRewards();
        this.AddRedemptionsConnection();
    }
}
