namespace Belonging.Cli.Tests.Commands;

/// <summary>
/// Tests that swap <see cref="Console.Out"/> / <see cref="Console.Error"/> to read what a command printed. The console
/// is process-wide, so these run alone, after the parallel tests: otherwise another test's output lands in (and can
/// corrupt) the captured writer.
/// </summary>
[CollectionDefinition(nameof(CapturedConsole), DisableParallelization = true)]
public sealed class CapturedConsole;
