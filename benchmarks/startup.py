"""Start of the program to its first painted window, and to the window ready for work.

Each run starts a new Python process (offscreen Qt platform) running the
``proforient --data-dir DIR`` command and reads two moments from it: the
first paint event of its main window, and the first paint of the counts
screen filled from the database. The window paints its shell (title,
sections, «Открываю данные…») with only Qt and the translations loaded, and
imports the data layer after that paint. So the first figure covers the
interpreter, PySide6, the translations and the shell. The second adds the
data layer's imports, the integrity check, the opening of the database with
its migrations, the start-up backup and the counts screen. The floor is a
process that imports PySide6 and shows an empty ``QMainWindow``. Goal (for
the first paint, as the issue defines it): at most 1.5 times the bare
window. The demo installations open on the window, not on the setup wizard.
The operating system's file cache is warm after the first run, so these are
warm starts of a new process, not starts after a reboot.

The first paint is timed in processes that exit at it, which also gives
their CPU time; the window ready is timed in other processes. Every kind of
start runs once per round, so a change in the machine's load falls on all
of them alike. The script runs at least ``MIN_RUNS`` rounds, because medians
of five runs on a shared two-core machine put the same code at 1.27× and 1.61×.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import REPOSITORY_ROOT, Report, Timing, parse_args
from proforient_desktop.catalog import Role, load_catalog
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.demo_install import build_demo

GOAL_RATIO = 1.5
MIN_RUNS = 11
# A pause after the rounds' last start, so that its teardown does not overlap the next round.
SETTLE_SECONDS = 0.5
FIRST_PAINT = "first-paint"
READY = "ready"
FLOOR_NAME = "bare PySide6 QMainWindow in a new process"

# The child prints a marker at the first paint event of its main window and,
# for the program, another at the first paint inside the counts screen once
# the window is ready, then exits at once. The filters sit on those widgets
# only: an application-wide filter would call Python for every event of
# every widget, which costs the larger window more than the bare one.
_WATCHER = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
app = QApplication(sys.argv)
PAINT = QEvent.Type.Paint
class PaintWatcher(QObject):
    def __init__(self, marker, last):
        super().__init__()
        self.marker, self.last, self.seen = marker, last, False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == PAINT:
            self.seen = True
            sys.stdout.write(self.marker + "\\n")
            sys.stdout.flush()
            if self.last:
                os._exit(0)
        return False
first_paint = PaintWatcher("first-paint", last=not WAIT_FOR_READY)
ready_paint = PaintWatcher("ready", last=True)
def watch_ready(window):
    screen = window.screen("counts")
    for widget in [screen, *screen.findChildren(QWidget)]:
        widget.installEventFilter(ready_paint)
show = QMainWindow.show
def show_watched(window):
    window.installEventFilter(first_paint)
    if WAIT_FOR_READY:
        window.ready.connect(lambda: watch_ready(window))
    show(window)
QMainWindow.show = show_watched
"""
# The same entry as the ``proforient`` command.
_APP_MAIN = """
from proforient_desktop.cli import main
main(["--data-dir", sys.argv[1]])
"""
_APP = _WATCHER.replace("WAIT_FOR_READY", "True") + _APP_MAIN
_APP_FIRST_PAINT = _WATCHER.replace("WAIT_FOR_READY", "False") + _APP_MAIN
_BARE = _WATCHER.replace("WAIT_FOR_READY", "False") + """
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1366, 768)
window.show()
app.exec()
"""


@dataclass(frozen=True)
class StartTimes:
    """Seconds from starting the process to its first paint and, for the program, to the filled screen.

    ``cpu`` is the CPU time (user and system) of the whole process, which exits at its last marker;
    None where the platform cannot report a child's CPU time.
    """

    first_paint: float
    ready: float | None
    cpu: float | None = None


def start_until_painted(code: str, *arguments: str, ready: bool = False, timeout: float = 120.0) -> StartTimes:
    """Run ``code`` in a new Python process until its first paint, or with ``ready`` until the filled screen."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *arguments], cwd=REPOSITORY_ROOT, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first_paint = _wait_for(process, FIRST_PAINT) - started
        ready_at = _wait_for(process, READY) - started if ready else None
        return StartTimes(first_paint, ready_at, _cpu_seconds(process, timeout))
    finally:
        process.kill()
        process.wait(timeout=timeout)


def _cpu_seconds(process: subprocess.Popen, timeout: float) -> float | None:
    # The watcher exits the child right after its last marker, so waiting here costs nothing.
    if not hasattr(os, "wait4"):
        return None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid == process.pid:
            # Popen.wait() then finds no child and takes the exit status as 0, which nothing here reads.
            return usage.ru_utime + usage.ru_stime
        time.sleep(0.005)
    return None


def _wait_for(process: subprocess.Popen, marker: str) -> float:
    line = process.stdout.readline()
    if line.strip() != marker:
        process.kill()
        raise RuntimeError(f"no «{marker}» from the window: {process.stderr.read()[-1000:]}")
    return time.perf_counter()


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    report = Report("startup", "Start to the first painted window, and to the window ready for work")
    with tempfile.TemporaryDirectory(prefix="proforient-startup-") as scratch:
        catalog = load_catalog()
        region = generate_region(catalog, schools=20, colleges=1)
        school_dir = Path(scratch) / "school"
        build_demo(catalog, region, Role.SCHOOL, school_dir, Path(scratch) / "packages")
        region_dir = Path(scratch) / "region"
        build_demo(catalog, region, Role.REGION, region_dir, Path(scratch) / "region-packages")

        # One untimed start of each warms the file cache the same way for all.
        start_until_painted(_BARE)
        start_until_painted(_APP, str(school_dir), ready=True)
        # Interleaved, so that a change in the machine's load falls on every kind of start alike. The
        # short starts come first in a round: right after a killed ready-window process, whose memory
        # the system is still freeing, a start took up to 1.5 times as long.
        floor, painted, ready = [], {"school": [], "region": []}, {"school": [], "region": []}
        folders = (("school", school_dir), ("region", region_dir))
        for _ in range(max(args.runs, MIN_RUNS)):
            floor.append(start_until_painted(_BARE))
            for name, folder in folders:
                painted[name].append(start_until_painted(_APP_FIRST_PAINT, str(folder)))
            for name, folder in folders:
                ready[name].append(start_until_painted(_APP, str(folder), ready=True))
            time.sleep(SETTLE_SECONDS)

    floor_timing = _timing([times.first_paint for times in floor])
    for name, operation, scale in (
        ("school", "school installation with 5 years of data", "1 school"),
        ("region", "regional demo installation", "region, 20 schools and 1 college"),
    ):
        report.add(f"First painted window, {operation}", scale,
                   _timing([times.first_paint for times in painted[name]]),
                   floor=floor_timing, floor_name=FLOOR_NAME, goal_ratio=GOAL_RATIO,
                   note=_cpu_note(painted[name], floor))
        print(f"  {_cpu_note(painted[name], floor)}", flush=True)
        report.add(f"Window ready with the counts screen filled, {operation}", scale,
                   _timing([times.ready for times in ready[name]]), floor=floor_timing, floor_name=FLOOR_NAME,
                   goal="none set by the issue")
    report.note("The first painted window is the shell: the window's frame and title, the sections of the "
                "navigation (disabled) and «Открываю данные…» in the status bar. The data layer is imported "
                "after that paint; the row «window ready» ends at the first paint of the counts screen filled "
                "from the database, when the sections can be used. The two moments come from separate runs: "
                "a first-paint run exits at the paint, so its CPU time is that of the start alone. The CPU "
                "times of the processes, which the machine's other jobs change far less than wall times, "
                "give a second ratio to the bare window.")
    report.note("Peak memory is not given here: the work runs in child processes, and the parent's RSS "
                "does not include them.")
    report.save()


def _timing(seconds: list[float]) -> Timing:
    return Timing(seconds, None, "not measured (child process)")


def _cpu_note(runs: list[StartTimes], floor: list[StartTimes]) -> str:
    cpu = [times.cpu for times in runs if times.cpu is not None]
    floor_cpu = [times.cpu for times in floor if times.cpu is not None]
    if not cpu or not floor_cpu:
        return ""
    program, bare = statistics.median(cpu), statistics.median(floor_cpu)
    return f"median CPU time of the process {program:.3f} s, of the bare window {bare:.3f} s ({program / bare:.2f}×)"


if __name__ == "__main__":
    main()
