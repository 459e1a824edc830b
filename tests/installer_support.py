"""Reading the Inno Setup script and checking its paths against a build folder.

Inno Setup runs only on Windows, so the tests read the script themselves:
the ``#define`` lines, then the ``Name: value; Name: value`` entries of each
section. A Windows build differs from the Linux build the tests make only in
its executables: ``NAME.exe`` is ``NAME`` on Linux, and the console twin
``proforient-cli.exe``, which the spec builds on Windows alone from the same
analysis, is the Linux ``ProfOrient``.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
ISS_FILE = ROOT / "installer" / "proforient.iss"
SPEC_FILE = ROOT / "installer" / "proforient.spec"

_DEFINE = re.compile(r'^\s*#define\s+(\w+)\s+"([^"]*)"', re.MULTILINE)
_SECTION = re.compile(r"^\[(\w+)\]\s*$")
_EXPANSION = re.compile(r"\{#(\w+)\}")


def spec_names() -> dict[str, str]:
    """Return GUI_NAME and CLI_NAME as the spec file sets them."""
    text = SPEC_FILE.read_text(encoding="utf-8")
    return dict(re.findall(r'^(GUI_NAME|CLI_NAME) = "([^"]+)"', text, re.MULTILINE))


def read_iss(build_dir: Path) -> tuple[dict[str, str], dict[str, list]]:
    """Return the script's defines and its sections, with ``{#Name}`` expanded.

    ``BuildDir`` is set to ``build_dir``, as ``ISCC /DBuildDir=...`` does.
    [Setup] becomes a list of (key, value) pairs; other sections become lists
    of parameter dictionaries.
    """
    text = ISS_FILE.read_text(encoding="utf-8-sig")
    defines = dict(_DEFINE.findall(text))
    defines["BuildDir"] = str(build_dir)

    sections: dict[str, list] = {}
    current = None
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        header = _SECTION.match(line)
        if header:
            current = sections.setdefault(header.group(1), [])
            continue
        if current is None:
            continue
        line = _EXPANSION.sub(lambda match: defines[match.group(1)], line)
        if "=" in line and not re.match(r"^\w+\s*:", line):
            key, value = line.split("=", 1)
            current.append((key.strip(), value.strip()))
        else:
            current.append(parse_entry(line))
    return defines, sections


def parse_entry(line: str) -> dict[str, str]:
    """Split ``Name: "value"; Flags: a b`` into a dictionary; ``""`` in a quoted value is one quote."""
    entry: dict[str, str] = {}
    position = 0
    pattern = re.compile(r'\s*(\w+)\s*:\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)')
    while position < len(line):
        match = pattern.match(line, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot parse Inno Setup entry: {line!r} at {position}")
        value = match.group(2).strip()
        if value.startswith('"'):
            value = value[1:-1].replace('""', '"')
        entry[match.group(1)] = value
        position = match.end()
    return entry


def linux_name(windows_path: str) -> str:
    """Map a path of the Windows build to the same file of the Linux build."""
    names = spec_names()
    path = windows_path.replace("\\", "/")
    folder, _, name = path.rpartition("/")
    if name == f"{names['CLI_NAME']}.exe":
        name = names["GUI_NAME"]
    elif name.endswith(".exe"):
        name = name[: -len(".exe")]
    return f"{folder}/{name}" if folder else name


def installed_files(build_dir: Path, files_section: list[dict[str, str]]) -> set[str]:
    """Return the paths under ``{app}`` (``/``-separated) that the [Files] entries install.

    Raises AssertionError naming the entry whose source matches nothing.
    """
    installed: set[str] = set()
    for entry in files_section:
        source = linux_name(entry["Source"])
        destination = entry["DestDir"].replace("\\", "/")
        assert destination == "{app}" or destination.startswith("{app}/"), entry
        destination = destination[len("{app}"):].lstrip("/")

        folder, _, pattern = source.rpartition("/")
        base = Path(folder)
        assert base.is_dir(), f"[Files] source folder {base} does not exist (entry {entry})"
        recursive = "recursesubdirs" in entry.get("Flags", "").split()
        candidates = base.rglob("*") if recursive else base.iterdir()
        matched = [path for path in candidates if path.is_file() and fnmatch.fnmatch(path.name, pattern)]
        assert matched, f"[Files] source {entry['Source']} matches nothing in {base}"
        for path in matched:
            relative = path.relative_to(base).as_posix() if recursive else path.name
            installed.add(str(PurePosixPath(destination) / relative) if destination else relative)
    return installed


def app_paths(value: str) -> list[str]:
    """Return the ``{app}\\...`` file paths inside a value, ``/``-separated and mapped to Linux names."""
    found = re.findall(r"\{app\}\\([^\"\s,]+)", value)
    return [linux_name(path) for path in found]


def check_iss_against(build: Path) -> None:
    """Assert that every path the script names exists in ``build`` or among the files it installs."""
    _defines, sections = read_iss(build)
    installed = installed_files(build, sections["Files"])

    referenced = []
    for entry in sections["Icons"] + sections["Run"]:
        referenced += app_paths(entry["Filename"])
    for entry in sections["Registry"]:
        referenced += app_paths(entry.get("ValueData", ""))
    referenced += app_paths(dict(sections["Setup"])["UninstallDisplayIcon"])

    assert referenced
    for path in referenced:
        assert path in installed, f"the script refers to {{app}}\\{path}, which [Files] does not install"
