using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Belonging.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LinkDistribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DistributionLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistributionLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DistributionLog_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ParticipationSnapshots",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Invited = table.Column<int>(type: "integer", nullable: false),
                    Responded = table.Column<int>(type: "integer", nullable: false),
                    Released = table.Column<int>(type: "integer", nullable: false),
                    Noisy = table.Column<bool>(type: "boolean", nullable: false),
                    BudgetExhausted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParticipationSnapshots", x => x.CampaignId);
                    table.ForeignKey(
                        name: "FK_ParticipationSnapshots_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DistributionLog_CampaignId",
                table: "DistributionLog",
                column: "CampaignId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DistributionLog");

            migrationBuilder.DropTable(
                name: "ParticipationSnapshots");
        }
    }
}
