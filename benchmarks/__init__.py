"""Benchmark scripts; ``python -m benchmarks.run_all`` runs them and writes docs/benchmarks.md."""
