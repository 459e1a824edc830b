"""Timing, memory and reporting helpers shared by every benchmark script.

A benchmark script measures an operation and its floor (the simplest code
that does the same work, such as a bare Qt window or a raw ``executemany``)
in the same process, then saves the results as JSON with ``Report.save()``.
``python -m benchmarks.run_all`` runs every script in its own process and
turns all saved results into ``docs/benchmarks.md``.

Typical script::

    from benchmarks.common import Report, measure, parse_args

    def main() -> None:
        args = parse_args("Package export and import")
        report = Report("packages", "Package export and import")
        floor = measure(write_raw, runs=args.runs, setup=make_empty_database)
        timing = measure(import_region, runs=args.runs, setup=make_empty_database)
        report.add("Import of a region", scale_label("region"), timing, floor=floor,
                   floor_name="executemany in one transaction", goal_ratio=3.0)
        report.save()

    if __name__ == "__main__":
        main()

Peak memory is the operation's peak resident set size (RSS) above the RSS
just before it. On Linux the kernel's peak counter is reset before each run
(``/proc/self/clear_refs``), so the figure is that run's own peak. Elsewhere
the figure is the traced Python allocations (``tracemalloc``) of one extra,
untimed run, which misses memory allocated by C libraries such as SQLite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR_ENV = "PROFORIENT_BENCHMARK_RESULTS"
RUNS_ENV = "PROFORIENT_BENCHMARK_RUNS"
SCALES_ENV = "PROFORIENT_BENCHMARK_SCALES"
# A smaller «country» for a quick trial of the country-scale code; its
# results are saved as usual but never recorded as the country's figures.
COUNTRY_SIZE_ENV = "PROFORIENT_BENCHMARK_COUNTRY_SIZE"
DEFAULT_RESULTS_DIR = Path(tempfile.gettempdir()) / "proforient-benchmarks"
DEFAULT_RUNS = 5

# The scales named by the benchmark plan: organisations that report counts.
SCALES = {
    "municipality": 40,
    "region": 500,
    "country": int(os.environ.get(COUNTRY_SIZE_ENV) or 40_000),
}
COUNTRY_IS_TRIAL = bool(os.environ.get(COUNTRY_SIZE_ENV))
SCALE_NAMES = {
    "municipality": "municipality",
    "region": "region",
    "country": "country",
}

_PROC_STATUS = Path("/proc/self/status")
_PROC_CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of each run and the peak memory above the starting RSS."""

    seconds: list[float]
    peak_memory_mb: float | None
    memory_method: str

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> float:
        """Max minus min of the runs, in seconds."""
        return max(self.seconds) - min(self.seconds)

    @property
    def runs(self) -> int:
        return len(self.seconds)


def _rss_kb(field_name: str) -> int | None:
    try:
        for line in _PROC_STATUS.read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _reset_peak_rss() -> bool:
    # Writing 5 resets the peak RSS (VmHWM) to the current RSS; Linux ≥ 4.0.
    try:
        _PROC_CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def measure(operation: Callable[..., Any], *, runs: int = DEFAULT_RUNS,
            setup: Callable[[], Any] | None = None, teardown: Callable[[Any], Any] | None = None) -> Timing:
    """Run ``operation`` ``runs`` times and return its timing and peak memory.

    ``setup()`` runs before each run, untimed; its result is passed to
    ``operation`` and then to ``teardown``. Without ``setup`` the operation
    takes no argument.
    """
    seconds = []
    peaks = []
    can_reset = _reset_peak_rss() and _rss_kb("VmHWM") is not None
    for _ in range(runs):
        argument = setup() if setup is not None else None
        gc.collect()
        start_rss = _rss_kb("VmRSS") if can_reset else None
        if can_reset:
            _reset_peak_rss()

        started = time.perf_counter()
        if setup is not None:
            operation(argument)
        else:
            operation()
        seconds.append(time.perf_counter() - started)

        if can_reset and start_rss is not None:
            peaks.append(max(0, (_rss_kb("VmHWM") or 0) - start_rss) / 1024)
        if teardown is not None:
            teardown(argument)

    if peaks:
        return Timing(seconds, max(peaks), "peak RSS")
    return Timing(seconds, _traced_peak(operation, setup, teardown), "tracemalloc")


def _traced_peak(operation, setup, teardown) -> float:
    argument = setup() if setup is not None else None
    tracemalloc.start()
    try:
        operation(argument) if setup is not None else operation()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    if teardown is not None:
        teardown(argument)
    return peak / 2**20


def machine_description() -> str:
    """Describe the CPU, core count, memory, OS and Python of this machine, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    total_kb = _meminfo_kb("MemTotal")
    if total_kb:
        memory = f", {total_kb / 2**20:.0f} GiB RAM"
    return (f"{cpu}, {os.cpu_count()} logical cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _meminfo_kb(name: str) -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


@dataclass
class Measurement:
    """One operation at one scale: its timing, its floor's, and the goal."""

    operation: str
    scale: str
    timing: dict | None = None
    floor_name: str = ""
    floor: dict | None = None
    goal_ratio: float | None = None
    goal: str = ""
    note: str = ""
    not_measured: str = ""


def _timing_dict(timing: Timing | None) -> dict | None:
    if timing is None:
        return None
    data = asdict(timing)
    data.update(median=timing.median, spread=timing.spread)
    return data


@dataclass
class Report:
    """The results of one benchmark script, saved as ``<results dir>/<name>.json``."""

    name: str
    title: str
    measurements: list[Measurement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    command: str = ""

    def add(self, operation: str, scale: str, timing: Timing, *, floor: Timing | None = None,
            floor_name: str = "", goal_ratio: float | None = None, goal: str = "", note: str = "") -> None:
        """Record a measured operation; ``goal_ratio`` is the allowed multiple of the floor."""
        self.measurements.append(Measurement(
            operation, scale, _timing_dict(timing), floor_name, _timing_dict(floor), goal_ratio, goal, note,
        ))
        ratio = f", {timing.median / floor.median:.2f}× floor" if floor is not None and floor.median > 0 else ""
        print(f"{operation} [{scale}]: median {timing.median:.3f} s over {timing.runs} runs, "
              f"spread {timing.spread:.3f} s, peak {_memory_text(timing)}{ratio}", flush=True)

    def skip(self, operation: str, scale: str, reason: str) -> None:
        """Record an operation that was not measured, with the reason."""
        self.measurements.append(Measurement(operation, scale, not_measured=reason))
        print(f"{operation} [{scale}]: not measured: {reason}", flush=True)

    def note(self, text: str) -> None:
        """Add a paragraph printed under the section's table (how the data were made, caveats)."""
        self.notes.append(text)

    def save(self, directory: Path | None = None) -> Path:
        directory = directory or Path(os.environ.get(RESULTS_DIR_ENV) or DEFAULT_RESULTS_DIR)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.name}.json"
        data = {
            "name": self.name,
            "title": self.title,
            "command": self.command or f"python -m benchmarks.{self.name} " + " ".join(sys.argv[1:]),
            "machine": machine_description(),
            "finished_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "measurements": [asdict(measurement) for measurement in self.measurements],
            "notes": self.notes,
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path


def _memory_text(timing: Timing) -> str:
    if timing.peak_memory_mb is None:
        return "n/a"
    return f"{timing.peak_memory_mb:.1f} MB ({timing.memory_method})"


def parse_args(description: str, argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the options every script accepts: ``--runs N`` and ``--scales a,b``.

    Defaults come from the environment that ``run_all`` sets, so one
    ``--runs`` or ``--scales`` given to ``run_all`` reaches every script.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=int(os.environ.get(RUNS_ENV) or DEFAULT_RUNS),
                        help="timed runs per operation (median and spread are taken over them)")
    parser.add_argument("--scales", default=os.environ.get(SCALES_ENV) or ",".join(SCALES),
                        help="comma-separated scales to measure: " + ", ".join(SCALES))
    args = parser.parse_args(argv)
    args.scales = [scale.strip() for scale in args.scales.split(",") if scale.strip()]
    unknown = [scale for scale in args.scales if scale not in SCALES]
    if unknown:
        parser.error(f"unknown scale {unknown[0]!r}; known: {', '.join(SCALES)}")
    return args


def scale_label(scale: str, organisations: int | None = None) -> str:
    """Return the label of a scale, e.g. «region, 500 organisations»."""
    count = SCALES[scale] if organisations is None else organisations
    return f"{SCALE_NAMES[scale]}, {count:,} organisations"


def add_recorded(report: Report, scales: list[str], recorded_path: Path, scale: str = "country") -> None:
    """Add the ``scale`` rows of the last run that measured them, when this run left that scale out.

    A long scale is measured on its own (``--scales country``), and its rows
    are kept in a JSON file in the repository. A run of the other scales then
    still shows them in the document, labelled with their date and command.
    """
    if scale in scales or not recorded_path.exists():
        return
    recorded = json.loads(recorded_path.read_text(encoding="utf-8"))
    for item in recorded["measurements"]:
        report.measurements.append(Measurement(**item))
    report.note(f"The {scale} rows were not measured in this run: they are those of the run finished on "
                f"{recorded['finished_at']} (`{recorded['command'].strip()}`, {recorded['machine']}), recorded in "
                f"benchmarks/{recorded_path.name}." + (f" {recorded['caveat']}" if recorded.get("caveat") else ""))
    for note in recorded.get("notes", []):
        report.note(note)


def record(saved: Path, recorded_path: Path, scale: str = "country", *, notes: list[str] | None = None) -> None:
    """Keep the ``scale`` rows of the results saved at ``saved`` in ``recorded_path``.

    Nothing is recorded for a trial run with a smaller country.
    """
    if scale == "country" and COUNTRY_IS_TRIAL:
        return
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["measurements"] = [item for item in data["measurements"] if item["scale"].startswith(scale)]
    data["notes"] = list(notes or [])
    recorded_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def with_cpu_time(operation: Callable[..., Any]) -> tuple[Callable[..., Any], list[float]]:
    """Wrap ``operation`` to record the process's CPU seconds of each call in the returned list.

    Other jobs on a shared machine stretch the wall time but barely change
    the CPU time, so a note with it helps to read a noisy median.
    """
    seconds: list[float] = []

    def wrapped(*args: Any) -> Any:
        started = time.process_time()
        try:
            return operation(*args)
        finally:
            seconds.append(time.process_time() - started)

    return wrapped, seconds


def cpu_note(seconds: list[float]) -> str:
    """Return the note on a row that gives the median CPU time of its timed runs."""
    return f"median CPU time of the process {statistics.median(seconds):.3f} s over the same runs"
