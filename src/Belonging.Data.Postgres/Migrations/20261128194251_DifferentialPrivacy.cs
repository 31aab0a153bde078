using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Belonging.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DifferentialPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing campaigns get the documented defaults (off; ε = 0.5 per view, budget 5), not 0.
            migrationBuilder.AddColumn<decimal>(
                name: "NoisyBudget",
                table: "Campaigns",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 5m);

            migrationBuilder.AddColumn<decimal>(
                name: "NoisyEpsilon",
                table: "Campaigns",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 0.5m);

            migrationBuilder.AddColumn<int>(
                name: "NoisyLastInvited",
                table: "Campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NoisyLastResponded",
                table: "Campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NoisyLiveCounts",
                table: "Campaigns",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "NoisyReleases",
                table: "Campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "NoisySpent",
                table: "Campaigns",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 0m);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NoisyBudget",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "NoisyEpsilon",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "NoisyLastInvited",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "NoisyLastResponded",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "NoisyLiveCounts",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "NoisyReleases",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "NoisySpent",
                table: "Campaigns");
        }
    }
}
