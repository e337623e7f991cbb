using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Islet.Http.Benchmarks.HttpParserBenchmarks).Assembly).Run(args);
