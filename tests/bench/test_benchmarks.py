"""Every benchmark still runs: `make bench` is not part of `make test`, so a benchmark that rotted (a function
it calls renamed, as `sessions.status` once was) would show only when someone measures. Each is imported
here, and the quick ones run whole."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import bench

NAMES = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))


def test_the_benchmarks_are_found() -> None:
    assert {"bench_room", "bench_identity", "bench_export"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_benchmark_imports(name: str) -> None:
    assert callable(importlib.import_module(f"bench.{name}").main)


@pytest.mark.parametrize("name", ["bench_identity", "bench_fmt"])
def test_the_quick_benchmarks_run_whole(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    importlib.import_module(f"bench.{name}").main()
    out = capsys.readouterr().out
    assert "ratio" in out and "Traceback" not in out
