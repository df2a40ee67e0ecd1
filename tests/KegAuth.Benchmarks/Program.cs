using BenchmarkDotNet.Running;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.EntityFrameworkCore;

// `--schema` prints the SQLite DDL the benchmarks run against (tables and indexes), to check what a query can use.
if (args is ["--schema"])
{
    using var context = new BenchContext(BenchSetup.Sqlite("Data Source=:memory:"));
    Console.WriteLine(context.Database.GenerateCreateScript());
    return 0;
}

// `--profile-rerun [--baseline other/KegAuth.Generators.dll]` times the generator's rerun against the floor's (and
// another build's) in CPU time, for a profiler or a quick look.
if (args is ["--profile-rerun", ..])
{
    KegAuth.Benchmarks.Generator.RerunProfile.Run(args is [_, "--baseline", var baseline] ? baseline : null);
    return 0;
}

// `--end-to-end` runs issue 19's harness (Kestrel on loopback, KegAuth against ASP.NET Core Identity), not BenchmarkDotNet;
// switches in EndToEnd/EndToEndOptions.cs, commands in docs/benchmarks.md.
if (args is [KegAuth.Benchmarks.EndToEnd.EndToEndOptions.Switch, ..])
{
    return await KegAuth.Benchmarks.EndToEnd.EndToEndBenchmarks.RunAsync(args);
}

// Run a subset with --filter, e.g. `dotnet run -c Release --project tests/KegAuth.Benchmarks -- --filter '*TokenVerify*'`;
// add `--job short` for a quick look. docs/benchmarks.md has the command for each table.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
