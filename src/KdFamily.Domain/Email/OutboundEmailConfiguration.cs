using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Email;

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> builder)
    {
        builder.ToTable("outbound_emails");
        builder.Property(e => e.To).HasMaxLength(254);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.LastError).HasMaxLength(OutboundEmail.LastErrorMaxLength);
        // The default gives rows queued before mail was sent a status when the column is added.
        builder.Property(e => e.Status).HasDefaultValue(OutboundEmailStatus.Pending).HasSentinel(OutboundEmailStatus.Pending);

        // What the senders claim: pending mails by due time.
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_outbound_emails_due");
    }
}
