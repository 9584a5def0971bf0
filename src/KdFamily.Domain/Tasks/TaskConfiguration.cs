using KdFamily.Domain.Recurring;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Tasks;

internal sealed class TaskConfiguration : IEntityTypeConfiguration<FamilyTask>
{
    public void Configure(EntityTypeBuilder<FamilyTask> builder)
    {
        builder.ToTable("tasks");
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.Property(t => t.RejectionReason).HasMaxLength(1000);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasQueryFilter(t => t.DeletedAt == null);

        builder.HasOne(t => t.AssignedTo).WithMany().HasForeignKey(t => t.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.ApprovedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.TaskType).WithMany().HasForeignKey(t => t.TaskTypeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(t => t.FamilyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RecurringTaskTemplate>().WithMany().HasForeignKey(t => t.RecurringTemplateId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(t => t.Attachments).WithOne().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(t => new { t.FamilyId, t.Status });
        builder.HasIndex(t => new { t.AssignedToId, t.Status });
        builder.HasIndex(t => new { t.FamilyId, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.RecurringTemplateId, t.OccurrenceDate })
            .IsUnique()
            .HasDatabaseName(RecurringTaskGenerator.OccurrenceIndex)
            .HasFilter("recurring_template_id IS NOT NULL");
        builder.HasGeneratedTsVectorColumn(t => t.SearchVector!, "english", t => new { t.Title, t.Description })
            .HasIndex(t => t.SearchVector)
            .HasMethod("GIN");

        // PostgreSQL computes it and only searches read it: never sent, and never read back after a save (EF would
        // otherwise return the whole tsvector, as large as the text, from every INSERT and UPDATE of a task).
        var searchVector = builder.Property(t => t.SearchVector).ValueGeneratedNever().Metadata;
        searchVector.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        searchVector.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}

internal sealed class TaskTypeConfiguration : IEntityTypeConfiguration<TaskType>
{
    public void Configure(EntityTypeBuilder<TaskType> builder)
    {
        builder.ToTable("task_types");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Icon).HasMaxLength(100);
        builder.HasQueryFilter(t => t.DeletedAt == null);
        builder.HasIndex(t => new { t.FamilyId, t.Name }).IsUnique().HasFilter("deleted_at IS NULL");
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(t => t.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskAttachmentConfiguration : IEntityTypeConfiguration<TaskAttachment>
{
    public void Configure(EntityTypeBuilder<TaskAttachment> builder)
    {
        builder.ToTable("task_attachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Url).HasMaxLength(1000);
        builder.Property(a => a.StorageKey).HasMaxLength(200);
        builder.HasIndex(a => a.TaskId);
    }
}

internal sealed class TaskTransitionConfiguration : IEntityTypeConfiguration<TaskTransition>
{
    public void Configure(EntityTypeBuilder<TaskTransition> builder)
    {
        builder.ToTable("task_transitions");
        builder.Property(t => t.Action).HasMaxLength(32);
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.HasIndex(t => new { t.TaskId, t.At });
        builder.HasOne<FamilyTask>().WithMany().HasForeignKey(t => t.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
