using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Belonging.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RosterEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RosterEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeafUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Demographics = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RosterEntries_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RosterEntries_CampaignId_PersonId",
                table: "RosterEntries",
                columns: new[] { "CampaignId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RosterEntries_PersonId",
                table: "RosterEntries",
                column: "PersonId");

            // Campaigns whose participation marks are still held get their roster from them; earlier ones have none
            // (their later releases fall back to count changes, docs/methods/cross-release.md "Roster churn").
            migrationBuilder.Sql("""
                INSERT INTO "RosterEntries" ("Id", "CampaignId", "PersonId", "LeafUnitId", "Demographics")
                SELECT "Id", "CampaignId", "PersonId", "LeafUnitId", "Demographics" FROM "Invitations";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RosterEntries");
        }
    }
}
