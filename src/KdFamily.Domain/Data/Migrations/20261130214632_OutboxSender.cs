using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace KdFamily.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxSender : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbound_emails_unsent",
                table: "outbound_emails");

            migrationBuilder.AddColumn<Instant>(
                name: "failed_at",
                table: "outbound_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "html_body",
                table: "outbound_emails",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Instant>(
                name: "next_attempt_at",
                table: "outbound_emails",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: NodaTime.Instant.FromUnixTimeTicks(0L));

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "outbound_emails",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Pending");

            // Mails queued before anything sent them: due now, but those older than a day (their links have expired)
            // are given up rather than sent late.
            migrationBuilder.Sql("UPDATE outbound_emails SET next_attempt_at = created_at");
            migrationBuilder.Sql(
                "UPDATE outbound_emails SET status = 'Failed', failed_at = now(), last_error = 'Queued before mail was sent; too old to send.' "
                + "WHERE created_at < now() - interval '1 day'");

            migrationBuilder.CreateIndex(
                name: "ix_outbound_emails_due",
                table: "outbound_emails",
                column: "next_attempt_at",
                filter: "status = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbound_emails_due",
                table: "outbound_emails");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "outbound_emails");

            migrationBuilder.DropColumn(
                name: "html_body",
                table: "outbound_emails");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "outbound_emails");

            migrationBuilder.DropColumn(
                name: "status",
                table: "outbound_emails");

            migrationBuilder.CreateIndex(
                name: "ix_outbound_emails_unsent",
                table: "outbound_emails",
                column: "created_at",
                filter: "sent_at IS NULL");
        }
    }
}
