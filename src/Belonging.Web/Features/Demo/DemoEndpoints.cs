using Belonging.Data.Accounts;
using Belonging.Data.Demo;
using Microsoft.AspNetCore.Identity;

using Belonging.Web.Platform;

namespace Belonging.Web.Features.Demo;

internal static class DemoEndpoints
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder, string[] args)
    {
        var section = builder.Configuration.GetSection("Demo");
        builder.Services.AddOptions<DemoOptions>().Bind(section).Configure(o => o.Enabled |= args.Contains("--demo", StringComparer.Ordinal));
        builder.Services.AddScoped(sp => new DemoSeeder(
            sp.GetRequiredService<Belonging.Data.AppDbContext>(),
            sp.GetRequiredService<Belonging.Data.Campaigns.BallotBox>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IPasswordHasher<Account>>().HashPassword,
            sp.GetRequiredService<ILogger<DemoSeeder>>()));
        return builder;
    }

    public static async Task SeedDemoAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.SeedAsync(options, CancellationToken.None);
        var token = await seeder.FreshLinkTokenAsync(CancellationToken.None);
        app.Lifetime.ApplicationStarted.Register(() => PrintDemo(app, options, token));
    }

    public static void PrintWelcome(this WebApplication app)
    {
        var url = Url(app);
        Console.WriteLine();
        Console.WriteLine($"Belonging is running at {url}");
        if (app.Environment.IsDevelopment())
        {
            Console.WriteLine($"API reference: {url}/scalar/v1");
        }
    }

    private static void PrintDemo(WebApplication app, DemoOptions options, string? token)
    {
        var url = Url(app);
        Console.WriteLine();
        Console.WriteLine("Demo logins (password for all: " + options.Password + "):");
        Console.WriteLine($"  admin     {DemoSeeder.AdminEmail}");
        Console.WriteLine($"  leader    {DemoSeeder.LeaderEmail}   (sees Customer Care only)");
        Console.WriteLine($"  employee  {DemoSeeder.EmployeeEmail}");
        if (token is not null)
        {
            Console.WriteLine($"A survey link for the open pulse campaign (single use): {url}/s/{token}");
        }

        Console.WriteLine();
    }

    private static string Url(WebApplication app) => app.Services.GetRequiredService<PublicUrl>().Base;
}
