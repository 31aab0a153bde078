if (args is ["audit", ..]) return Belonging.Bench.AuditBench.Run(args[1..]);
Console.WriteLine("usage: Belonging.Bench <cube|audit> …");
return 2;
