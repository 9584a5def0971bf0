using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KdFamily.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class PointsLedgerSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_points_history_user_id_created_at",
                table: "points_history");

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "points_history",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.CreateIndex(
                name: "ix_points_history_user_id_created_at_sequence",
                table: "points_history",
                columns: new[] { "user_id", "created_at", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_points_history_user_id_created_at_sequence",
                table: "points_history");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "points_history");

            migrationBuilder.CreateIndex(
                name: "ix_points_history_user_id_created_at",
                table: "points_history",
                columns: new[] { "user_id", "created_at" });
        }
    }
}
