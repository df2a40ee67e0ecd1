using BenchmarkDotNet.Running;

// Run a subset with --filter, e.g. `dotnet run -c Release --project tests/KegAuth.Benchmarks -- --filter '*TokenVerify*'`;
// add `--job short` for a quick look. docs/benchmarks.md has the command for each table.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
