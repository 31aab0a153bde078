using Microsoft.EntityFrameworkCore.Design;

namespace Belonging.Data.Postgres;

/// <summary>Lets dotnet-ef build the model for this provider's migrations; no connection is opened.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) => Database.Create(DatabaseProvider.Postgres, "Host=localhost;Database=design_time");
}
