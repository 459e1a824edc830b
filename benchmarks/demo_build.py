"""Building the demo installation of each role with ``proforient demo``'s defaults.

Each run generates the default region (60 schools, 6 colleges, the last five
years) and builds one role's installation in a new folder, through real
signed packages: for the region that includes 19 municipal installations that
import their schools and export their packages. Goal: a few seconds per role
on an idle machine. There is no floor, because nothing simpler builds the
same installation.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from benchmarks.common import Report, measure, parse_args
from proforient_desktop.catalog import Role, load_catalog
from proforient_desktop.services.demo import DEFAULT_COLLEGES, DEFAULT_SCHOOLS, generate_region
from proforient_desktop.services.demo_install import build_demo


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    report = Report("demo_build", "Demo installations (proforient demo)")
    catalog = load_catalog()
    with tempfile.TemporaryDirectory(prefix="proforient-demo-") as scratch:
        for role in Role:
            folders = iter(range(args.runs))

            def build(role=role, folders=folders) -> None:
                folder = Path(scratch) / f"{role.value}-{next(folders)}"
                region = generate_region(catalog)
                build_demo(catalog, region, role, folder / "data", folder / "out")
                shutil.rmtree(folder, ignore_errors=True)

            timing = measure(build, runs=args.runs)
            report.add(f"proforient demo --role {role.value}",
                       f"{DEFAULT_SCHOOLS} schools, {DEFAULT_COLLEGES} colleges, 5 years", timing,
                       goal="a few seconds on an idle machine")
    report.note("The time includes generating the region (about 6,000 activities) and, for the region, "
                "signing 66 school and college packages, 19 municipal installations with their imports and "
                "exports, and the regional import.")
    report.save()


if __name__ == "__main__":
    main()
