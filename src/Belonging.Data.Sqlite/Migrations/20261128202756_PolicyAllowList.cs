using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Belonging.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PolicyAllowList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AllowedPhrases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Phrase = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllowedPhrases", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllowedPhrases_Phrase",
                table: "AllowedPhrases",
                column: "Phrase",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllowedPhrases");
        }
    }
}
