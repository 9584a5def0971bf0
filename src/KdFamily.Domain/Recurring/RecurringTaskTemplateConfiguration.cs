using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Recurring;

internal sealed class RecurringTaskTemplateConfiguration : IEntityTypeConfiguration<RecurringTaskTemplate>
{
    public void Configure(EntityTypeBuilder<RecurringTaskTemplate> builder)
    {
        builder.ToTable("recurring_task_templates");
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.HasQueryFilter(t => t.DeletedAt == null);
        builder.HasIndex(t => t.FamilyId);
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(t => t.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}
