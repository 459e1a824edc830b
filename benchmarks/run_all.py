"""Run every benchmark script and write docs/benchmarks.md from their results.

Usage: ``python -m benchmarks.run_all [--runs N] [--scales a,b] [--only name,name] [--timeout S] [--render]``.

Each script runs in its own process, so one script's memory and failures do
not affect another's. The whole document is regenerated on every run. A
script that is missing or fails gets a «not measured» line with the reason
instead of figures. ``--only`` reruns some scripts and keeps the other
sections from the previous runs' saved results; ``--render`` only rewrites
the document from them. A script with no saved results (they live under the
system's temporary folder) keeps its section of the current document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import (
    DEFAULT_RESULTS_DIR,
    DEFAULT_RUNS,
    REPOSITORY_ROOT,
    RESULTS_DIR_ENV,
    RUNS_ENV,
    SCALES,
    SCALES_ENV,
    machine_description,
)

BENCHMARKS_DIR = REPOSITORY_ROOT / "benchmarks"
DOCUMENT = REPOSITORY_ROOT / "docs" / "benchmarks.md"
RESULTS_DIR = DEFAULT_RESULTS_DIR
HELPER_MODULES = {"__init__", "common", "country_packages", "fixtures", "run_all"}
DEFAULT_TIMEOUT_SECONDS = 1800
# Scripts whose country scale takes longer than the default allows.
SCRIPT_TIMEOUT_SECONDS = {
    "packages": 3 * 3600,
    "reports": 2 * 3600,
}

# Scripts the benchmark plan expects, in the order of the document, with
# what each measures; a missing one is listed as not measured.
EXPECTED = {
    "startup": "cold start to the first painted window, against a bare PySide6 window",
    "entry_screen": "the activities screen with 10,000 activities: open, scroll, filter",
    "packages": "package export, and import of a municipality, a region and a country, against raw executemany",
    "consolidation": "consolidation at municipality, region and country scale, against one SQL GROUP BY",
    "reports": "Excel export and the PDF report at every scale, against raw write-only openpyxl",
    "excel_vs_packages": "500 schools from 500 Excel files with pandas, against importing their packages",
    "demo_build": "building the demo installation of each role",
    "postgres_import": "importing the demo region into PostgreSQL with 1, 2 and 4 operators",
    "build_size": "size of the standalone build",
}


@dataclass
class ScriptRun:
    """One script's run: its exit code, output and saved results (None when it saved none)."""

    name: str
    command: str
    returncode: int | None
    seconds: float
    stdout: str
    stderr: str
    results: dict | None
    runs: int = 0
    by_run_all: bool = True


def discover() -> list[str]:
    """Return the benchmark scripts present, expected ones first, then any others by name."""
    present = sorted(path.stem for path in BENCHMARKS_DIR.glob("*.py")
                     if path.stem not in HELPER_MODULES and not path.stem.startswith("_"))
    return [name for name in EXPECTED if name in present] + [name for name in present if name not in EXPECTED]


def run_script(name: str, runs: int, scales: str, timeout: int) -> ScriptRun:
    """Run one script in a new process and read the results it saved."""
    results_dir = RESULTS_DIR / name
    results_dir.mkdir(parents=True, exist_ok=True)
    for old in results_dir.glob("*.json"):
        old.unlink()
    environment = dict(os.environ, **{RESULTS_DIR_ENV: str(results_dir), RUNS_ENV: str(runs), SCALES_ENV: scales})
    command = [sys.executable, "-m", f"benchmarks.{name}"]
    print(f"== {name}", flush=True)

    started = time.perf_counter()
    try:
        completed = subprocess.run(command, cwd=REPOSITORY_ROOT, env=environment, capture_output=True,
                                   text=True, timeout=timeout)
        returncode, stdout, stderr = completed.returncode, completed.stdout, completed.stderr
    except subprocess.TimeoutExpired as error:
        returncode = None
        stdout = _text(error.stdout)
        stderr = _text(error.stderr) + f"\ntimed out after {timeout} s"
    seconds = time.perf_counter() - started
    print(stdout, end="", flush=True)
    if returncode != 0:
        print(stderr[-2000:], file=sys.stderr, flush=True)

    saved = sorted(results_dir.glob("*.json"))
    results = json.loads(saved[0].read_text(encoding="utf-8")) if saved else None
    run = ScriptRun(name, f"python -m benchmarks.{name}", returncode, seconds, stdout, stderr, results, runs)
    (results_dir / "run.json").write_text(json.dumps(run.__dict__, ensure_ascii=False), encoding="utf-8")
    return run


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def load_previous(name: str) -> ScriptRun | None:
    """Return the script's last run by run_all, or else the results it saved when run on its own."""
    path = RESULTS_DIR / name / "run.json"
    if path.exists():
        return ScriptRun(**json.loads(path.read_text(encoding="utf-8")))
    standalone = RESULTS_DIR / f"{name}.json"
    if standalone.exists():
        results = json.loads(standalone.read_text(encoding="utf-8"))
        return ScriptRun(name, results.get("command", ""), 0, 0.0, "", "", results, by_run_all=False)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get(RUNS_ENV) or DEFAULT_RUNS),
                        help=f"timed runs per operation (default {DEFAULT_RUNS})")
    parser.add_argument("--scales", default=",".join(SCALES), help="comma-separated scales: " + ", ".join(SCALES))
    parser.add_argument("--only", default="", help="comma-separated scripts to rerun; others keep saved results")
    parser.add_argument("--timeout", type=int, default=None,
                        help=f"seconds allowed per script (default {DEFAULT_TIMEOUT_SECONDS}, longer for "
                             + ", ".join(SCRIPT_TIMEOUT_SECONDS) + ")")
    parser.add_argument("--render", action="store_true",
                        help="run nothing; rewrite the document from the results the last runs saved")
    args = parser.parse_args(argv)

    only = {name.strip() for name in args.only.split(",") if name.strip()}
    runs: dict[str, ScriptRun | None] = {}
    for name in discover():
        if args.render or (only and name not in only):
            runs[name] = load_previous(name)
        else:
            timeout = args.timeout or SCRIPT_TIMEOUT_SECONDS.get(name, DEFAULT_TIMEOUT_SECONDS)
            runs[name] = run_script(name, args.runs, args.scales, timeout)

    command = "python -m benchmarks.run_all" + "".join(f" {item}" for item in (argv or sys.argv[1:]))
    kept = previous_sections(DOCUMENT.read_text(encoding="utf-8")) if DOCUMENT.exists() else {}
    DOCUMENT.parent.mkdir(parents=True, exist_ok=True)
    DOCUMENT.write_text(render(runs, command, kept), encoding="utf-8")
    print(f"written {DOCUMENT.relative_to(REPOSITORY_ROOT)}")
    return 0


def previous_sections(document: str) -> dict[str, list[str]]:
    """Return the sections of a document this module wrote, by the script named in their «Command» line."""
    sections: dict[str, list[str]] = {}
    for block in re.split(r"^(?=## )", document, flags=re.MULTILINE)[1:]:
        found = re.search(r"^Command: `python -m benchmarks\.(\w+)", block, flags=re.MULTILINE)
        if found:
            sections[found.group(1)] = block.rstrip("\n").split("\n") + [""]
    return sections


def render(runs: dict[str, ScriptRun | None], command: str, kept: dict[str, list[str]] | None = None) -> str:
    """Return the whole Markdown document for the given script runs.

    A script with no run keeps its section from ``kept`` (the current
    document's), if it has one there.
    """
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python -m benchmarks.run_all`; do not edit by hand, because the next run replaces",
        "the whole file. Each operation ran several times: the table gives the median and the spread",
        "(slowest minus fastest run), the peak memory above the memory in use before the operation,",
        "and the ratio of the median to the median of its floor, the simplest code doing the same work,",
        "measured in the same run on the same machine.",
        "",
        f"- Machine: {machine_description()}",
        f"- Command: `{command}`; each section names the script, its runs and when it finished",
        f"- Written: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        "",
        "NOTE: the machine is shared with other jobs, so absolute times vary between runs; the floor",
        "ratios, measured side by side, are the steadier figures.",
        "",
    ]
    kept = kept or {}
    for name in list(EXPECTED) + sorted(set(runs) - set(EXPECTED)):
        run = runs.get(name)
        lines += kept[name] if run is None and name in kept else _section(name, run)
    return "\n".join(lines).rstrip() + "\n"


def _section(name: str, run: ScriptRun | None) -> list[str]:
    described = EXPECTED.get(name, name)
    title = run.results["title"] if run and run.results else described[:1].upper() + described[1:]
    lines = [f"## {title}", ""]
    if run is None:
        path = BENCHMARKS_DIR / f"{name}.py"
        reason = f"`benchmarks/{name}.py` does not exist yet" if not path.exists() else "not run in this run"
        return lines + [f"Not measured: {reason} ({EXPECTED.get(name, '')}).", ""]

    results = run.results
    if results is None:
        return lines + _without_results(run)

    script_command = (results.get("command") or run.command).strip()
    # Some scripts take more runs than asked (the start-up and the activities screen take at least 11),
    # and the country scale fewer, so the table's Runs column has the count of each row.
    runs_text = f", asked for {run.runs} timed runs per operation" if run.runs else ""
    how = f"run by `run_all`{runs_text}" if run.by_run_all else "run on its own, not by `run_all`"
    lines.append(f"Command: `{script_command}` ({how}); finished {results.get('finished_at', '')}.")
    if run.returncode != 0:
        lines.append(f"The script stopped early ({_failure(run)}); the figures below are those it saved.")
    lines += ["", *_table(results["measurements"])]
    for note in results.get("notes", []):
        lines += ["", note]
    return lines + [""]


def _without_results(run: ScriptRun) -> list[str]:
    if run.returncode == 0:
        # A script that does not use benchmarks.common: its own output is the record.
        return [f"Command: `{run.command}`. The script saved no structured results; its output:", "",
                "```text", run.stdout.strip(), "```", ""]
    return [f"Not measured: `{run.command}` failed ({_failure(run)}).", ""]


def _failure(run: ScriptRun) -> str:
    if run.returncode is None:
        return "timed out"
    last = [line for line in run.stderr.strip().splitlines() if line.strip()]
    detail = f": {last[-1].strip()}" if last else ""
    return f"exit code {run.returncode}{detail}"


def _table(measurements: list[dict]) -> list[str]:
    lines = [
        "| Operation | Scale | Median, s | Spread, s | Runs | Peak memory, MB | Floor | Floor median, s "
        "| Ratio to floor | Goal |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    notes = []
    for item in measurements:
        if item.get("not_measured"):
            notes.append(f"- Not measured: {item['operation']} ({item['scale']}): {item['not_measured']}.")
            continue
        timing = item["timing"]
        floor = item.get("floor")
        ratio = timing["median"] / floor["median"] if floor and floor["median"] > 0 else None
        lines.append("| " + " | ".join([
            item["operation"],
            item["scale"],
            _seconds(timing["median"]),
            _seconds(timing["spread"]),
            str(len(timing["seconds"])),
            "—" if timing.get("peak_memory_mb") is None else f"{timing['peak_memory_mb']:.1f}",
            item.get("floor_name") or "—",
            _seconds(floor["median"]) if floor else "—",
            f"{ratio:.2f}×" if ratio is not None else "—",
            _goal(item, ratio),
        ]) + " |")
        if item.get("note"):
            notes.append(f"- {item['operation']} ({item['scale']}): {item['note']}")
    if len(lines) == 2:
        lines = []
    return lines + ([""] + notes if notes and lines else notes)


def _seconds(value: float) -> str:
    if value < 0.1:
        return f"{value:.4f}"
    if value < 10:
        return f"{value:.3f}"
    return f"{value:.1f}"


def _goal(item: dict, ratio: float | None) -> str:
    goal = item.get("goal") or ""
    goal_ratio = item.get("goal_ratio")
    if goal_ratio is not None:
        if ratio is None:
            return f"≤ {goal_ratio:g}× floor"
        verdict = "met" if ratio <= goal_ratio else "not met"
        return f"≤ {goal_ratio:g}× floor — {verdict}"
    return goal or "—"


if __name__ == "__main__":
    sys.exit(main())
