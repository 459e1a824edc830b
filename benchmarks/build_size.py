"""Size of the one-folder build and start times of the built program against the source.

    python -m benchmarks.build_size [--app dist/ProfOrient] [--runs 5]

Without ``--app`` the script first builds the Linux application into a
temporary folder with installer/build.py, which takes several minutes.
It records, for docs/benchmarks.md: the build's size and its archive's, the
largest parts with their size compressed on their own (zlib level 6, as
gzip does), the wall time of ``--version`` and ``--self-check`` run from the
build, and the time from starting the program to the first paint of its
main window on a school's demo installation (offscreen Qt platform), each
with the same start from source as the floor. Each command start is a new
process with a new data folder, so the figures include process start,
imports and (for the self-check) creating the database. The window start is
timed as benchmarks/startup.py times it: installer/entry_point.py, run from
the build or by the source's Python, installs the same paint watcher when
PROFORIENT_EXIT_AT_FIRST_PAINT=1. One untimed start of each warms the file
cache, so these are warm starts of a new process, not starts after a reboot.
Peak memory is that of this script, not the program.
"""

from __future__ import annotations

import argparse
import os
from importlib import metadata
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

from benchmarks.common import DEFAULT_RUNS, RUNS_ENV, Report, Timing, measure

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
# The archive a school downloads should stay under this size.
ARCHIVE_GOAL = 60 * MB


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


def build_app(work: Path) -> Path:
    """Build the application into ``work`` with the archive, as a release build; return its folder."""
    subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), "--dist", str(work / "dist"),
                    "--work", str(work / "work")], check=True, cwd=ROOT, capture_output=True)
    return work / "dist" / "ProfOrient"


def size_notes(app_dir: Path, top: int) -> list[str]:
    """Return the size figures as Markdown paragraphs: totals, the archive, the largest parts."""
    parts = measure_parts(app_dir)
    total = sum(raw for raw, _ in parts.values())
    total_packed = sum(packed for _, packed in parts.values())
    notes = [f"Build folder: {total / MB:.1f} MB in {app_dir.name}/; each file compressed on its own: "
             f"{total_packed / MB:.1f} MB."]
    for archive in sorted(app_dir.parent.glob("ProfOrient-*.tar.*")):
        size = archive.stat().st_size
        verdict = "met" if size < ARCHIVE_GOAL else "not met"
        notes.append(f"Archive {archive.name}: {size / MB:.1f} MB (goal under {ARCHIVE_GOAL / MB:.0f} MB: {verdict}).")

    table = ["| Largest parts | MB | MB compressed (zlib 6) |", "|---|---:|---:|"]
    largest = sorted(parts.items(), key=lambda item: item[1][1], reverse=True)[:top]
    table += [f"| `{name}` | {raw / MB:.1f} | {packed / MB:.1f} |" for name, (raw, packed) in largest]
    notes.append("\n".join(table))
    return notes


def start_command(command: list[str], cpu_seconds: list[float]):
    """Return an operation that runs ``command`` with ``{data}`` replaced by the run's data folder.

    Each run appends the child's CPU time (user + system) to ``cpu_seconds``:
    on a machine shared with other jobs it varies less than the wall time.
    """
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def run(data_dir: str) -> None:
        full = [part.replace("{data}", data_dir) for part in command]
        before = os.times()
        subprocess.run(full, check=True, capture_output=True, env=environment, cwd=ROOT)
        after = os.times()
        cpu_seconds.append(after.children_user - before.children_user
                           + after.children_system - before.children_system)
    return run


def new_data_dir() -> str:
    return tempfile.mkdtemp(prefix="proforient-bench-данные-")


def measure_starts(report: Report, executable: Path, runs: int) -> None:
    source = [sys.executable, "-m", "proforient_desktop"]
    commands = [
        ("--version", ["--version"]),
        ("--self-check on a new data folder", ["--data-dir", "{data}", "--self-check"]),
    ]
    for label, arguments in commands:
        # One untimed start of each warms the file cache the same way for both.
        for command in ([str(executable), *arguments], [*source, *arguments]):
            data_dir = new_data_dir()
            start_command(command, [])(data_dir)
            shutil.rmtree(data_dir, ignore_errors=True)

        built_cpu: list[float] = []
        source_cpu: list[float] = []
        built = measure(start_command([str(executable), *arguments], built_cpu), runs=runs, setup=new_data_dir,
                        teardown=lambda folder: shutil.rmtree(folder, ignore_errors=True))
        from_source = measure(start_command([*source, *arguments], source_cpu), runs=runs, setup=new_data_dir,
                              teardown=lambda folder: shutil.rmtree(folder, ignore_errors=True))
        cpu = (f"median CPU time of the process: built app {statistics.median(built_cpu):.2f} s, "
               f"from source {statistics.median(source_cpu):.2f} s")
        print(f"{label}: {cpu}")
        report.add(f"Start of the built app: {label}", "one process", built, floor=from_source,
                   floor_name="same command from source", note=cpu)


def measure_window_starts(report: Report, executable: Path, runs: int) -> None:
    """Time the start to the main window's first paint, from the build and from source, on a school's demo data."""
    from proforient_desktop.catalog import Role, load_catalog
    from proforient_desktop.services.demo import generate_region
    from proforient_desktop.services.demo_install import build_demo

    entry_point = ROOT / "installer" / "entry_point.py"
    with tempfile.TemporaryDirectory(prefix="proforient-window-") as scratch:
        catalog = load_catalog()
        school_dir = Path(scratch) / "school"
        build_demo(catalog, generate_region(catalog, schools=20, colleges=1), Role.SCHOOL, school_dir,
                   Path(scratch) / "packages")
        built_command = [str(executable), "--data-dir", str(school_dir)]
        source_command = [sys.executable, str(entry_point), "--data-dir", str(school_dir)]

        # One untimed start of each warms the file cache the same way for both.
        start_until_first_paint(built_command)
        start_until_first_paint(source_command)
        # Alternate the two, so that a change in the machine's load hits both alike.
        built: list[float] = []
        from_source: list[float] = []
        for _ in range(runs):
            built.append(start_until_first_paint(built_command))
            from_source.append(start_until_first_paint(source_command))

    print(f"window, built app: {statistics.median(built):.2f} s; from source: {statistics.median(from_source):.2f} s")
    report.add("Start of the built app: first painted window, school demo installation", "1 school",
               _child_timing(built), floor=_child_timing(from_source),
               floor_name="installer/entry_point.py run from source by the same Python")


def start_until_first_paint(command: list[str], timeout: float = 120.0) -> float:
    """Run ``command`` with the paint watcher on; return the seconds until it reports the first paint."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROFORIENT_EXIT_AT_FIRST_PAINT="1",
                       PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        line = process.stdout.readline()
        painted = time.perf_counter()
        if line.strip() != "first-paint":
            raise RuntimeError(f"no «first-paint» from {command[0]}: {process.stderr.read()[-1000:]}")
        return painted - started
    finally:
        process.kill()
        process.wait(timeout=timeout)


def _child_timing(seconds: list[float]) -> Timing:
    return Timing(seconds, None, "not measured (child process)")


def method_note() -> str:
    """Describe the build's tools and how the starts were timed, with the installed versions."""
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("pyinstaller", "PySide6-Essentials", "PySide6-Addons", "psycopg")
    )
    return (f"Tools of the build: {versions}. Each command start is a new process with a new data folder, "
            "so `--self-check` also creates and migrates the database; its floor is the same command from "
            "source (`python -m proforient_desktop`). The window start is the time to the first paint of the "
            "main window (offscreen) on a school's demo installation, timed as benchmarks/startup.py times it: "
            "`installer/entry_point.py` installs the same paint watcher when PROFORIENT_EXIT_AT_FIRST_PAINT=1, "
            "and the floor runs that file from source. One untimed start "
            "of each comes first, so all are warm starts of a new process, not starts after a reboot. "
            "CPU times, where given, vary less than wall times on a shared machine.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", type=Path, help="an existing build folder (default: build one first)")
    parser.add_argument("--runs", type=int, default=int(os.environ.get(RUNS_ENV) or DEFAULT_RUNS),
                        help="timed runs per command")
    parser.add_argument("--top", type=int, default=12, help="how many of the largest parts to list")
    args = parser.parse_args()

    report = Report("build_size", "Size of the standalone build and start time of the built app")
    with tempfile.TemporaryDirectory(prefix="proforient-build-") as work:
        app_dir = args.app.resolve() if args.app else build_app(Path(work))
        executable = app_dir / ("ProfOrient.exe" if sys.platform == "win32" else "ProfOrient")
        for note in size_notes(app_dir, args.top):
            print(note)
            report.note(note)
        measure_starts(report, executable, args.runs)
        measure_window_starts(report, executable, args.runs)
    report.note(method_note())
    report.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
