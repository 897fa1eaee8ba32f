using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Watchpost.Benchmarks.RuleEvaluationBenchmark).Assembly).Run(args);
