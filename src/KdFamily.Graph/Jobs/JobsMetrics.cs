using Prometheus;

namespace KdFamily.Graph.Jobs;

/// <summary>Prometheus metrics of the background jobs.</summary>
public static class JobsMetrics
{
    public const string WeeklySettlement = "weekly_settlement";
    public const string RecurringTasks = "recurring_tasks";
    public const string TaskReminders = "task_reminders";

    /// <summary>
    /// Failed units of work, by job: one family's settlement or one template's generation (the job carries on with the
    /// others), or the whole job when it could not even start (e.g. the database was unreachable).
    /// </summary>
    public static readonly Counter Failures = Metrics.CreateCounter(
        "kdfamily_job_failures_total",
        "Background job failures (one family's weekly settlement, one recurring template's generation, one task reminder, or a whole job run); the job carries on with the rest.",
        new CounterConfiguration { LabelNames = ["job"] });

    /// <summary>Exports every series at 0 from the start, so an alert compares against a value that exists.</summary>
    public static void Publish()
    {
        Failures.WithLabels(WeeklySettlement);
        Failures.WithLabels(RecurringTasks);
        Failures.WithLabels(TaskReminders);
    }
}
