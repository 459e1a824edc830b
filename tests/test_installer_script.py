"""The Inno Setup script and the Linux desktop entry, read against a fake build folder.

The slow build test runs the same path checks against a real build.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from proforient_desktop.exchange.package import FILE_SUFFIX
from installer_support import ISS_FILE, check_iss_against, read_iss, spec_names

INSTALLER_DIR = ISS_FILE.parent
LINUX_DIR = INSTALLER_DIR / "linux"


@pytest.fixture
def fake_build(tmp_path) -> Path:
    """A build folder shaped like the Linux one-folder build, as the spec names its parts."""
    build = tmp_path / "dist" / "ProfOrient"
    (build / "_internal" / "resources" / "catalog").mkdir(parents=True)
    (build / spec_names()["GUI_NAME"]).write_bytes(b"\x7fELF")
    (build / "_internal" / "base_library.zip").write_bytes(b"PK")
    (build / "_internal" / "resources" / "catalog" / "catalog.toml").write_text("version = 1\n", encoding="utf-8")
    return build


def test_iss_paths_match_fake_build(fake_build):
    check_iss_against(fake_build)


def test_iss_detects_missing_executable(fake_build):
    (fake_build / spec_names()["GUI_NAME"]).unlink()

    with pytest.raises(AssertionError, match="matches nothing"):
        check_iss_against(fake_build)


def test_iss_executables_match_spec(fake_build):
    defines, _sections = read_iss(fake_build)
    names = spec_names()

    assert defines["AppExe"] == names["GUI_NAME"] + ".exe"
    assert defines["CliExe"] == names["CLI_NAME"] + ".exe"


def test_iss_installs_per_user_and_keeps_data(fake_build):
    _defines, sections = read_iss(fake_build)
    setup = dict(sections["Setup"])

    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"] == r"{userpf}\ProfOrient"
    assert "UninstallDelete" not in sections
    assert [entry["Name"] for entry in sections["InstallDelete"]] == ["{app}\\_internal"]
    assert "Code" not in sections
    # The data folder is %LOCALAPPDATA%\ProfOrient; the installation folder
    # %LOCALAPPDATA%\Programs\ProfOrient never contains it.
    assert "{localappdata}" not in ISS_FILE.read_text(encoding="utf-8-sig")
    assert (INSTALLER_DIR / setup["SetupIconFile"]).is_file()


def test_iss_associates_package_suffix_per_user(fake_build):
    defines, sections = read_iss(fake_build)
    registry = sections["Registry"]
    subkeys = {entry["Subkey"]: entry for entry in registry}

    assert all(entry["Root"] == "HKCU" for entry in registry)
    assert all(entry["Subkey"].startswith("Software\\Classes\\") for entry in registry)
    assert defines["PackageExtension"] == FILE_SUFFIX
    assert subkeys[f"Software\\Classes\\{FILE_SUFFIX}"]["ValueData"] == defines["PackageProgId"]
    command = subkeys[f"Software\\Classes\\{defines['PackageProgId']}\\shell\\open\\command"]
    assert command["ValueData"] == f'"{{app}}\\{defines["AppExe"]}" "%1"'


def test_desktop_entry_matches_build_and_mime_type():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX_DIR / "proforient.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    mime_xml = (LINUX_DIR / "proforient-mime.xml").read_text(encoding="utf-8")

    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == f"@APP_DIR@/{spec_names()['GUI_NAME']} %f"
    assert desktop["MimeType"] == "application/x-proforient-package;"
    assert 'type="application/x-proforient-package"' in mime_xml
    assert f'<glob pattern="*{FILE_SUFFIX}"/>' in mime_xml
    assert (LINUX_DIR / f"{desktop['Icon']}.png").is_file()


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("sh") is None, reason="POSIX shell script")
def test_menu_entry_script_quotes_folder(tmp_path):
    folder = tmp_path / 'Программы "ПО" $HOME'
    shutil.copytree(LINUX_DIR, folder)
    home = tmp_path / "home"
    environment = {"HOME": str(home), "PATH": "/usr/bin:/bin"}

    subprocess.run(["sh", str(folder / "install-menu-entry.sh")], env=environment, check=True,
                   capture_output=True)

    applications = home / ".local" / "share" / "applications"
    exec_lines = [line for line in (applications / "proforient.desktop").read_text(encoding="utf-8").splitlines()
                  if line.startswith("Exec=")]
    escaped = str(folder).replace('"', '\\\\"').replace("$", "\\\\$")
    assert exec_lines == [f'Exec="{escaped}/ProfOrient" %f']
    assert (home / ".local/share/mime/packages/proforient-mime.xml").is_file()

    subprocess.run(["sh", str(folder / "install-menu-entry.sh"), "--remove"], env=environment, check=True,
                   capture_output=True)
    assert not (applications / "proforient.desktop").exists()
