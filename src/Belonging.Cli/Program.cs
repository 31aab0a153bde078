using System.CommandLine;
using Belonging.Cli.Commands;

var root = new RootCommand("Belonging command line: database, demo seed, roster import, analysis and policy audit.");
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(AdminCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ResultsCommand.Create());
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
return await root.Parse(args).InvokeAsync();
