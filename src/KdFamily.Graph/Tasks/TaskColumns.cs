using System.Linq.Expressions;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Reads;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Tasks;

/// <summary>
/// The columns the graph reads of a task: every field of the `Task` type, never the search vector (a generated
/// tsvector, as large as the text it indexes and costly to decode) nor the row version. <see cref="Readable"/> is the
/// projection for EF Core queries; <see cref="Sql"/> and <see cref="Read"/> are the same columns for the DataLoaders
/// that read through Npgsql directly.
/// </summary>
public static class TaskColumns
{
    public static readonly Expression<Func<FamilyTask, FamilyTask>> Readable = t => new FamilyTask(t.Id)
    {
        FamilyId = t.FamilyId,
        TaskTypeId = t.TaskTypeId,
        RecurringTemplateId = t.RecurringTemplateId,
        OccurrenceDate = t.OccurrenceDate,
        Title = t.Title,
        Description = t.Description,
        Status = t.Status,
        Priority = t.Priority,
        AssignedToId = t.AssignedToId,
        CreatedById = t.CreatedById,
        ApprovedById = t.ApprovedById,
        Points = t.Points,
        DifficultyLevel = t.DifficultyLevel,
        DueDate = t.DueDate,
        EstimatedMinutes = t.EstimatedMinutes,
        ActualMinutes = t.ActualMinutes,
        StartedAt = t.StartedAt,
        CompletedAt = t.CompletedAt,
        ApprovedAt = t.ApprovedAt,
        RejectedAt = t.RejectedAt,
        RejectionReason = t.RejectionReason,
        CreatedAt = t.CreatedAt,
        UpdatedAt = t.UpdatedAt,
        DeletedAt = t.DeletedAt,
    };

    /// <summary>The select list of <see cref="Read"/>, for a query that names the tasks table <c>t</c>.</summary>
    public const string Sql = """
        t.id, t.family_id, t.task_type_id, t.recurring_template_id, t.occurrence_date, t.title, t.description, t.status,
        t.priority, t.assigned_to_id, t.created_by_id, t.approved_by_id, t.points, t.difficulty_level, t.due_date,
        t.estimated_minutes, t.actual_minutes, t.started_at, t.completed_at, t.approved_at, t.rejected_at,
        t.rejection_reason, t.created_at, t.updated_at, t.deleted_at
        """;

    public static FamilyTask Read(NpgsqlDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new FamilyTask(row.GetGuid(0))
        {
            FamilyId = row.GetGuid(1),
            TaskTypeId = Rows.NullableGuid(row, 2),
            RecurringTemplateId = Rows.NullableGuid(row, 3),
            OccurrenceDate = row.IsDBNull(4) ? null : row.GetFieldValue<LocalDate>(4),
            Title = row.GetString(5),
            Description = Rows.NullableString(row, 6),
            Status = Enum.Parse<FamilyTaskStatus>(row.GetString(7)),
            Priority = Enum.Parse<TaskPriority>(row.GetString(8)),
            AssignedToId = Rows.NullableGuid(row, 9),
            CreatedById = row.GetGuid(10),
            ApprovedById = Rows.NullableGuid(row, 11),
            Points = row.GetInt32(12),
            DifficultyLevel = row.GetInt32(13),
            DueDate = Rows.NullableInstant(row, 14),
            EstimatedMinutes = Rows.NullableInt(row, 15),
            ActualMinutes = Rows.NullableInt(row, 16),
            StartedAt = Rows.NullableInstant(row, 17),
            CompletedAt = Rows.NullableInstant(row, 18),
            ApprovedAt = Rows.NullableInstant(row, 19),
            RejectedAt = Rows.NullableInstant(row, 20),
            RejectionReason = Rows.NullableString(row, 21),
            CreatedAt = row.GetFieldValue<Instant>(22),
            UpdatedAt = row.GetFieldValue<Instant>(23),
            DeletedAt = Rows.NullableInstant(row, 24),
        };
    }
}
