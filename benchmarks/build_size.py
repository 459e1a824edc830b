"""Size of the one-folder build and start times of the built program against the source.

    python benchmarks/build_size.py [--app dist/ProfOrient] [--runs 5]

Prints Markdown for docs/benchmarks.md: the build's size and its archive's,
the largest parts with their size compressed on their own (zlib level 6, as
the archive's gzip), and the median wall time of ``--version`` and
``--self-check`` from the build and from source. Each start runs in a new
process with a new data folder. The first run of each command is reported
apart: it is the coldest of the runs, but its files may already be in the
page cache (right after a build they are), so it is not a true cold start.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def part_of(relative: Path) -> str:
    """Name the part a file belongs to: a Qt library on its own, else the top folder in _internal."""
    parts = relative.parts
    if parts[0] != "_internal" or len(parts) == 2:
        return "/".join(parts)
    if parts[1:4] == ("PySide6", "Qt", "lib"):
        return "/".join(parts[:5])
    if parts[1:4] == ("PySide6", "Qt", "plugins"):
        return "_internal/PySide6/Qt/plugins"
    if parts[1] == "PySide6":
        return "_internal/PySide6 (Python bindings)"
    return "/".join(parts[:2])


def measure_parts(app_dir: Path) -> dict[str, tuple[int, int]]:
    """Return part → (bytes, bytes compressed) over the regular files of the build."""
    sizes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in app_dir.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        entry = sizes[part_of(path.relative_to(app_dir))]
        entry[0] += len(data)
        entry[1] += len(zlib.compress(data, 6))
    return {name: (raw, packed) for name, (raw, packed) in sizes.items()}


def time_command(command: list[str], runs: int, environment: dict[str, str]) -> tuple[float, float]:
    """Return (first run, median of the others) in seconds; each run gets a new data folder."""
    times = []
    for _ in range(runs + 1):
        with tempfile.TemporaryDirectory(prefix="proforient-bench-данные-") as data_dir:
            full = [part.replace("{data}", data_dir) for part in command]
            started = time.perf_counter()
            subprocess.run(full, check=True, capture_output=True, env=environment)
            times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "ProfOrient", help="the build folder")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command after the first")
    parser.add_argument("--top", type=int, default=15, help="how many of the largest parts to list")
    args = parser.parse_args()

    app_dir = args.app.resolve()
    executable = app_dir / ("ProfOrient.exe" if sys.platform == "win32" else "ProfOrient")
    archives = sorted(app_dir.parent.glob("ProfOrient-*.tar.gz"))
    parts = measure_parts(app_dir)
    total = sum(raw for raw, _ in parts.values())
    total_packed = sum(packed for _, packed in parts.values())

    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"Build folder: {total / MB:.1f} MB in files; each file compressed on its own: {total_packed / MB:.1f} MB")
    for archive in archives:
        print(f"Archive {archive.name}: {archive.stat().st_size / MB:.1f} MB")
    print()
    print("| part | MB | MB compressed |")
    print("| --- | ---: | ---: |")
    largest = sorted(parts.items(), key=lambda item: item[1][1], reverse=True)[: args.top]
    for name, (raw, packed) in largest:
        print(f"| `{name}` | {raw / MB:.1f} | {packed / MB:.1f} |")
    print()

    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    source = [sys.executable, "-m", "proforient_desktop"]
    commands = [
        ("build", "--version", [str(executable), "--version"]),
        ("source", "--version", [*source, "--version"]),
        ("build", "--self-check", [str(executable), "--data-dir", "{data}", "--self-check"]),
        ("source", "--self-check", [*source, "--data-dir", "{data}", "--self-check"]),
    ]
    print(f"| program | command | first run, s | median of {args.runs}, s |")
    print("| --- | --- | ---: | ---: |")
    for label, name, command in commands:
        first, median = time_command(command, args.runs, environment)
        print(f"| {label} | `{name}` | {first:.2f} | {median:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
