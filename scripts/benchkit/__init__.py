"""Helpers of the benchmark scripts (scripts/bench, bench_search.py, measure_check.py)."""
