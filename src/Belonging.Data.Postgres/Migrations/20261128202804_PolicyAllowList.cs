using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Belonging.Data.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Phrase = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
