using System.Globalization;

if (args is ["cube", ..])
{
    return Belonging.Bench.Cube.CubeBenchmark.Execute(args[1..], Console.Out, Console.Error);
}

if (args is ["results", ..])
{
    var people = args.SkipWhile(a => a != "--people").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(100_000);
    var seed = args.SkipWhile(a => a != "--seed").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1);
    var rate = args.SkipWhile(a => a != "--response-rate").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1.0);
    return await Belonging.Bench.ResultsBench.RunAsync(people, seed, rate);
}

if (args is ["release-cost", ..])
{
    var people = args.SkipWhile(a => a != "--people").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3_000);
    var seed = args.SkipWhile(a => a != "--seed").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1);
    var rate = args.SkipWhile(a => a != "--response-rate").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(0.75);
    var depth = args.SkipWhile(a => a != "--depth").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1);
    return Belonging.Bench.ReleaseCostBench.Run(people, seed, rate, depth);
}

if (args is ["demo-audit", ..])
{
    return await Belonging.Bench.DemoAuditBench.RunAsync(args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault("belonging.db"));
}

if (args is ["release-scale", ..])
{
    var people = args.SkipWhile(a => a != "--people").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(100_000);
    var seed = args.SkipWhile(a => a != "--seed").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1);
    return Belonging.Bench.ReleaseScaleBench.Run(people, seed);
}

if (args is ["optimum", ..])
{
    int? Int(string name) => args.SkipWhile(a => a != name).Skip(1).Select(a => (int?)int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
    var limit = args.SkipWhile(a => a != "--time-limit").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(300);
    return await Belonging.Bench.OptimumBench.RunAsync(args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault(), Int("--people"), Int("--seed") ?? 1, limit, Int("--workers") ?? 2, args.SkipWhile(a => a != "--master").Skip(1).FirstOrDefault("scip") != "cp-sat");
}

if (args is ["value-window", ..])
{
    return Belonging.Bench.ValueWindowBench.Run(args.SkipWhile(a => a != "--draws").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(200_000));
}

if (args is ["audit", ..])
{
    return Belonging.Bench.AuditBench.Run(args[1..]);
}

Console.WriteLine("usage: Belonging.Bench <cube|audit|results|release-cost|demo-audit|release-scale|optimum|value-window> …");
return 2;
