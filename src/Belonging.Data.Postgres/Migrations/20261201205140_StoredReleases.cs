using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Belonging.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StoredReleases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublishedReleases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    K = table.Column<int>(type: "integer", nullable: false),
                    KComments = table.Column<int>(type: "integer", nullable: false),
                    Release = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedReleases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedReleases_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedReleases_CampaignId_Version",
                table: "PublishedReleases",
                columns: new[] { "CampaignId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedReleases");
        }
    }
}
