"""Benchmarks: each `bench_*.py` module has `main()` printing figures against a floor from the same run."""
