using Belonging.Web.Features.Accounts;
using Belonging.Web.Features.Answering;
using Belonging.Web.Features.Campaigns;
using Belonging.Web.Features.Demo;
using Belonging.Web.Features.Instruments;
using Belonging.Web.Features.Policies;
using Belonging.Web.Features.Results;
using Belonging.Web.Features.Roster;
using Belonging.Web.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.AddDatabase();
builder.AddAuth();
builder.AddAccounts();
builder.AddInstruments();
builder.AddCampaigns();
builder.AddReleasePreview();
builder.AddAnswering();
builder.AddResults();
builder.AddPolicies();
builder.AddDemo(args);

var app = builder.Build();
await app.MigrateDatabaseAsync();
await app.SeedInstrumentsAsync();
await app.SeedDemoAsync();

app.UsePlatform();
app.MapAccounts();
app.MapRoster();
app.MapInstruments();
app.MapCampaigns();
app.MapReleasePreview();
app.MapAnswering();
app.MapResults();
app.MapPolicies();
app.MapPages();
app.Lifetime.ApplicationStarted.Register(() => app.PrintWelcome());
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
