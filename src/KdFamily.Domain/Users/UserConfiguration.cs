using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Username).HasMaxLength(50);
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.FullName).HasMaxLength(100);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.AvatarUrl).HasMaxLength(500);
        // Usernames and e-mails are unique regardless of case; callers store them lower-cased.
        builder.HasIndex(u => u.Username).IsUnique();
        builder.HasIndex(u => u.Email).IsUnique().HasDatabaseName(Profile.EmailIndex);
        builder.HasIndex(u => new { u.FamilyId, u.Role });
        // A child account is exactly an account without an e-mail address.
        builder.ToTable(t => t.HasCheckConstraint("ck_users_child_account_has_no_email", "(email IS NULL) = is_child_account"));
        builder.HasOne(u => u.Family).WithMany().HasForeignKey(u => u.FamilyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasGeneratedTsVectorColumn(u => u.SearchVector!, "simple", u => new { u.FullName, u.Username })
            .HasIndex(u => u.SearchVector)
            .HasMethod("GIN");
    }
}
