namespace KdFamily.Domain.Recurring;

public enum RecurrenceFrequency
{
    Daily,
    Weekly,
    Monthly,
}
