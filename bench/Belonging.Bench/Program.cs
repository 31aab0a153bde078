if (args is ["cube", ..])
{
    return Belonging.Bench.Cube.CubeBenchmark.Execute(args[1..], Console.Out, Console.Error);
}

Console.WriteLine("usage: Belonging.Bench <cube|audit> …");
return 2;
