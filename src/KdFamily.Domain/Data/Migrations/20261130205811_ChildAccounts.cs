using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace KdFamily.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChildAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "email",
                table: "users",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254);

            migrationBuilder.AddColumn<bool>(
                name: "is_child_account",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "pin_failed_attempts",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Instant>(
                name: "pin_locked_until",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_child_account_has_no_email",
                table: "users",
                sql: "(email IS NULL) = is_child_account");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_users_child_account_has_no_email",
                table: "users");

            migrationBuilder.DropColumn(
                name: "is_child_account",
                table: "users");

            migrationBuilder.DropColumn(
                name: "pin_failed_attempts",
                table: "users");

            migrationBuilder.DropColumn(
                name: "pin_locked_until",
                table: "users");

            migrationBuilder.AlterColumn<string>(
                name: "email",
                table: "users",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254,
                oldNullable: true);
        }
    }
}
