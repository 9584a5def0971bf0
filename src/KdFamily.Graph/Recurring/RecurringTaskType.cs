using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Families;
using KdFamily.Graph.Tasks;
using KdFamily.Graph.Users;
using NodaTime;
using NodaTime.Text;

namespace KdFamily.Graph.Recurring;

public sealed class RecurrenceFrequencyType : EnumerationGraphType<RecurrenceFrequency>
{
    public RecurrenceFrequencyType()
    {
        Name = "RecurrenceFrequency";
        Description = "How a recurring task repeats: every N days, every N weeks on given weekdays, or every N months on a day.";
        Values["DAILY"]!.Description = "Every N days.";
        Values["WEEKLY"]!.Description = "Every N weeks, on the given weekdays.";
        Values["MONTHLY"]!.Description = "Every N months, on the given day of the month (by default the start date's day).";
    }
}

public sealed class RecurringTaskType : ObjectGraphType<RecurringTaskTemplate>
{
    public static readonly LocalTimePattern DueTimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The local time a due time's text (HH:mm) stands for; null when it is no such time.</summary>
    public static LocalTime? ParseDueTime(string text) => DueTimePattern.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    public RecurringTaskType()
    {
        Name = "RecurringTask";
        Description = "A task that repeats. The next instance (an ordinary task) is created when the previous one is approved, never due in the past.";
        this.ImplementsNode(t => t.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Title of every instance.").Resolve(c => c.Source.Title);
        Field<StringGraphType>("description").Description("Description of every instance.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<IntGraphType>>("points").Description("Points of every instance.").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<TaskPriorityType>>("priority").Description("Priority of every instance.").Resolve(c => c.Source.Priority);
        Field<NonNullGraphType<IntGraphType>>("difficultyLevel").Description($"Difficulty of every instance, {TaskLimits.DifficultyRange}.").Resolve(c => c.Source.DifficultyLevel);
        Field<IntGraphType>("estimatedMinutes").Description($"Expected effort, {TaskLimits.MinutesRange}.").Resolve(c => c.Source.EstimatedMinutes);
        Field<UserType>("assignedTo").Description("Who every instance is assigned to; null leaves instances open to claim.")
            .Resolve(c => c.Source.AssignedToId is { } id ? c.DataLoader<UserByIdDataLoader>().LoadAsync(id) : null);
        Field<NonNullGraphType<RecurrenceFrequencyType>>("frequency").Description("Daily, weekly or monthly.").Resolve(c => c.Source.Frequency);
        Field<NonNullGraphType<IntGraphType>>("interval").Description("Every N days, weeks or months.").Resolve(c => c.Source.Interval);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("daysOfWeek")
            .ListSize(7)
            .Description("WEEKLY: ISO weekdays (1 = Monday … 7 = Sunday); empty means the start date's weekday.").Resolve(c => c.Source.DaysOfWeek);
        Field<IntGraphType>("dayOfMonth").Description("MONTHLY: the day, clamped to shorter months (31 → 30, 29, 28).").Resolve(c => c.Source.DayOfMonth);
        Field<NonNullGraphType<LocalDateGraphType>>("startDate").Description("The first possible occurrence.").Resolve(c => c.Source.StartDate);
        Field<NonNullGraphType<StringGraphType>>("dueTime").Description("Local time (HH:mm, family time zone) instances are due.")
            .Resolve(c => DueTimePattern.Format(c.Source.DueTime));
        Field<NonNullGraphType<BooleanGraphType>>("isPaused").Description("Paused series create no instances.").Resolve(c => c.Source.IsPaused);
        Field<LocalDateGraphType>("lastOccurrenceDate").Description("The occurrence of the latest instance created.")
            .Resolve(c => c.Source.LastGeneratedDate);
        Field<InstantGraphType>("nextDueDate")
            .Description("When the next instance would be due if it were created now; null while paused.")
            .Resolve(c => c.Source.IsPaused ? null : c.DataLoader<FamilyByIdDataLoader>().LoadAsync(c.Source.FamilyId).Then(family =>
            {
                var zone = FamilyWeek.Zone(family!.TimeZone);
                var schedule = RecurrenceSchedule.Of(c.Source);
                var now = c.RequestServices!.GetRequiredService<IClock>().GetCurrentInstant();
                var date = schedule.NextDueAfter(c.Source.LastGeneratedDate?.PlusDays(1) ?? c.Source.StartDate, now, zone);
                return (Instant?)schedule.DueAt(date, zone);
            }));
    }
}
