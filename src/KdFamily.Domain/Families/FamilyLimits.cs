namespace KdFamily.Domain.Families;

/// <summary>
/// How large a family's lists can grow. They keep every list the API returns bounded, so that a query's cost can be
/// priced before it runs; each is enforced where the list grows (or, for open work, where it is read).
/// </summary>
public static class FamilyLimits
{
    /// <summary>Current members of one family; joining a full family is refused.</summary>
    public const int MaxMembers = 30;

    /// <summary>Task types of one family; creating one more is refused.</summary>
    public const int MaxTaskTypes = 100;

    /// <summary>Recurring task templates of one family; creating one more is refused.</summary>
    public const int MaxRecurringTasks = 100;

    /// <summary>Open tasks listed by <c>Family.activeTasks</c> (the soonest due); the <c>tasks</c> connection pages through all.</summary>
    public const int MaxActiveTasksListed = 200;

    /// <summary>Files attached to one task.</summary>
    public const int MaxAttachmentsPerTask = 10;
}
