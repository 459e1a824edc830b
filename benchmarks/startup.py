"""Start of the program to its first painted window, against a bare PySide6 window.

Each run starts a new Python process (offscreen Qt platform) and stops the
clock when the process reports the first paint event of its main window. The
figure covers interpreter start, imports, opening the database (with the
start-up backup) and building the window. The floor is a process that
imports PySide6 and shows an empty ``QMainWindow``. Goal: at most 1.5 times
the bare window. The demo school opens on the window, not on the setup
wizard. The operating system's file cache is warm after the first run, so
these are warm starts of a new process, not starts after a reboot.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPOSITORY_ROOT, Report, Timing, measure, parse_args
from proforient_desktop.catalog import Role, load_catalog
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.demo_install import build_demo

GOAL_RATIO = 1.5
MARKER = "first-paint"

# The child waits for the first paint of a top-level window of the given
# class, prints the marker and exits at once.
_WATCHER = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
class Watcher(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() \\
                and type(watched.window()).__name__ == WINDOW_CLASS:
            sys.stdout.write("first-paint\\n")
            sys.stdout.flush()
            os._exit(0)
        return False
watcher = Watcher()
app.installEventFilter(watcher)
"""
_APP = _WATCHER.replace("WINDOW_CLASS", "'MainWindow'") + """
from proforient_desktop.ui.app import run
run(sys.argv[1])
"""
_BARE = _WATCHER.replace("WINDOW_CLASS", "'QMainWindow'") + """
from PySide6.QtWidgets import QMainWindow
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1366, 768)
window.show()
app.exec()
"""


def start_until_painted(code: str, *arguments: str, timeout: float = 120.0) -> None:
    """Run ``code`` in a new Python process and return when it prints the first-paint marker."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen([sys.executable, "-c", code, *arguments], cwd=REPOSITORY_ROOT, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        if line.strip() != MARKER:
            process.kill()
            raise RuntimeError(f"window never painted: {process.stderr.read()[-1000:]}")
    finally:
        process.kill()
        process.wait(timeout=timeout)


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    report = Report("startup", "Start to the first painted window")
    with tempfile.TemporaryDirectory(prefix="proforient-startup-") as scratch:
        catalog = load_catalog()
        region = generate_region(catalog, schools=20, colleges=1)
        school_dir = Path(scratch) / "school"
        build_demo(catalog, region, Role.SCHOOL, school_dir, Path(scratch) / "packages")
        region_dir = Path(scratch) / "region"
        build_demo(catalog, region, Role.REGION, region_dir, Path(scratch) / "region-packages")

        # One untimed start of each warms the file cache the same way for both.
        start_until_painted(_BARE)
        start_until_painted(_APP, str(school_dir))
        floor = _processes(lambda: start_until_painted(_BARE), args.runs)
        school = _processes(lambda: start_until_painted(_APP, str(school_dir)), args.runs)
        regional = _processes(lambda: start_until_painted(_APP, str(region_dir)), args.runs)

    report.add("Start, school installation with 5 years of data", "1 school", school, floor=floor,
               floor_name="bare PySide6 QMainWindow in a new process", goal_ratio=GOAL_RATIO)
    report.add("Start, regional demo installation", "region, 20 schools and 1 college", regional, floor=floor,
               floor_name="bare PySide6 QMainWindow in a new process", goal_ratio=GOAL_RATIO)
    report.note("Peak memory is not given here: the work runs in child processes, and the parent's RSS "
                "does not include them.")
    report.save()


def _processes(operation, runs: int) -> Timing:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        operation()
        seconds.append(time.perf_counter() - started)
    return Timing(seconds, None, "not measured (child process)")


if __name__ == "__main__":
    main()
