using System.ComponentModel.DataAnnotations;
using Belonging.Data;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Platform;

/// <summary>Bound from the "Database" section; validated on start.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required]
    public string ConnectionString { get; set; } = "Data Source=belonging.db";
}

internal static class DatabaseSetup
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection("Database")).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddDbContext<AppDbContext>(o => Database.Configure(o, options.Provider, options.ConnectionString));
        return builder;
    }

    /// <summary>Creates (SQLite) and migrates the database to the latest migration of its provider.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
    }
}
