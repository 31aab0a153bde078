using System.CommandLine;

var root = new RootCommand("Belonging command line: database, roster import, analysis and policy audit.");
return await root.Parse(args).InvokeAsync();
