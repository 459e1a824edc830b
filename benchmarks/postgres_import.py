"""Several regional operators importing into one PostgreSQL database at once.

The demo region (500 schools in 19 municipal packages, as in the packages
benchmark) is imported into a fresh schema by 1, 2 and 4 operators, each a
separate process on its own share of the municipalities. The time is from
the moment all operators start (they wait on a PostgreSQL advisory lock that
this script releases) until the last one has committed its last package.
The speed-up is the one-operator median divided by the median with N.

The server is named by ``PROFORIENT_BENCHMARK_DATABASE_URL`` or, failing
that, ``PROFORIENT_TEST_DATABASE_URL`` (a SQLAlchemy URL; the role needs the
right to create schemas). Run: ``python -m benchmarks.postgres_import --runs 3 --scales region``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks.common import (
    DEFAULT_RESULTS_DIR,
    REPOSITORY_ROOT,
    RESULTS_DIR_ENV,
    Report,
    Timing,
    measure,
    parse_args,
    scale_label,
)
from benchmarks.fixtures import region_packages
from proforient_desktop.catalog import Role, load_catalog
from proforient_desktop.services import demo_data
from proforient_desktop.services.context import open_context
from proforient_desktop.services.installation import initialize
from proforient_desktop.storage.postgres import parse_database_url

URL_ENVS = ("PROFORIENT_BENCHMARK_DATABASE_URL", "PROFORIENT_TEST_DATABASE_URL")
OPERATORS = (1, 2, 4)
SCHOOLS = 500
START_LOCK_KEY = 0x42454E43
WORKER_TIMEOUT_SECONDS = 3600
# The last measured figures, used by a run without a server so the document keeps them.
RECORDED = Path(__file__).with_name("postgres_import.recorded.json")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        _worker(Path(sys.argv[2]))
        return

    args = parse_args(__doc__.splitlines()[0])
    report = Report("postgres_import", "Regional import into PostgreSQL by several operators")
    url_text = next((os.environ[name] for name in URL_ENVS if os.environ.get(name)), None)
    label = scale_label("region", SCHOOLS)
    if "region" not in args.scales:
        report.save()
        return
    if url_text is None:
        _save_recorded_or_skip(report, label)
        return

    server = _Server(parse_database_url(url_text))
    catalog = load_catalog()
    packages = region_packages(catalog, SCHOOLS).municipal_paths
    timings: dict[int, Timing] = {}
    with tempfile.TemporaryDirectory(prefix="proforient-pg-bench-") as scratch:
        for count in OPERATORS:
            shares = [packages[index::count] for index in range(count)]
            timings[count] = measure(
                lambda job: server.run_operators(job, shares), runs=args.runs,
                setup=lambda: server.prepare(Path(scratch)), teardown=server.drop,
            )

    one = timings[1].median
    for count, timing in timings.items():
        report.add(f"Import of the region by {count} operator(s)", label, timing,
                   floor=timings[1] if count > 1 else None, floor_name="1 operator" if count > 1 else "",
                   note=f"speed-up {one / timing.median:.2f}× over one operator")
    report.note(f"{len(packages)} municipal packages holding {SCHOOLS} school packages (5 years of counts, "
                "50 activities a year each school), dealt round-robin to the operators. Each operator is a "
                "separate process with its own connection; all of them start together, and the time ends when "
                "the last one has committed. Each run imports into a new, empty schema. The server runs on "
                "the same machine as the operators, so they share its cores. Peak memory is that of this "
                "script's process, not of the operators or the server.")
    saved = report.save()
    RECORDED.write_text(saved.read_text(encoding="utf-8"), encoding="utf-8")


def _save_recorded_or_skip(report: Report, label: str) -> None:
    """Without a server, save the figures of the last run that had one (kept in the repository), if any."""
    if not RECORDED.exists():
        for count in OPERATORS:
            report.skip(f"Import of the region by {count} operator(s)", label,
                        f"no PostgreSQL server: set {URL_ENVS[0]}")
        report.save()
        return

    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    recorded["notes"].append(f"This run had no PostgreSQL server ({URL_ENVS[0]} unset), so the figures are "
                             f"those recorded in benchmarks/{RECORDED.name} on {recorded['finished_at']}.")
    directory = Path(os.environ.get(RESULTS_DIR_ENV) or DEFAULT_RESULTS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{report.name}.json").write_text(json.dumps(recorded, ensure_ascii=False, indent=1),
                                                   encoding="utf-8")
    print(f"no PostgreSQL server; saved the figures recorded on {recorded['finished_at']}", flush=True)


class _Server:
    """Fresh schemas on the benchmark server, and the operator processes that import into them."""

    def __init__(self, url) -> None:
        self.url = url
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT")

    def prepare(self, scratch: Path) -> dict:
        """Create a schema with an initialised regional installation; untimed."""
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        with self.engine.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = self.url.update_query_dict({"options": f"-csearch_path={schema}"})
        context = open_context(scratch / f"{schema}-region", database_url=url, operator="администратор")
        initialize(context, Role.REGION, demo_data.REGION_CODE, demo_data.REGION_NAME)
        context.close()
        return {"schema": schema, "url": url, "scratch": scratch}

    def run_operators(self, job: dict, shares: list[list[Path]]) -> None:
        """Start one process per share, release them together and wait for the last one."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": START_LOCK_KEY})
            processes = [self._start(job, index, share) for index, share in enumerate(shares, start=1)]
            try:
                while connection.execute(text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).scalar() \
                        < len(processes):
                    time.sleep(0.01)
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": START_LOCK_KEY})
        for process in processes:
            _, err = process.communicate(timeout=WORKER_TIMEOUT_SECONDS)
            if process.returncode != 0:
                raise RuntimeError(f"operator process failed: {err}")

    def _start(self, job: dict, index: int, share: list[Path]) -> subprocess.Popen:
        path = job["scratch"] / f"{job['schema']}-job-{index}.json"
        path.write_text(json.dumps({
            "database_url": job["url"].render_as_string(hide_password=False),
            "data_dir": str(job["scratch"] / f"{job['schema']}-operator-{index}"),
            "operator": f"оператор {index}",
            "files": [str(file) for file in share],
        }, ensure_ascii=False), encoding="utf-8")
        return subprocess.Popen([sys.executable, "-m", "benchmarks.postgres_import", "--worker", str(path)],
                                cwd=REPOSITORY_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def drop(self, job: dict) -> None:
        with self.engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{job["schema"]}" CASCADE'))


def _worker(job_path: Path) -> None:
    from proforient_desktop.services.exchange import import_packages

    job = json.loads(job_path.read_text(encoding="utf-8"))
    context = open_context(job["data_dir"], operator=job["operator"], database_url=job["database_url"])
    try:
        with context.database.engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock_shared(:key)"), {"key": START_LOCK_KEY})
            connection.execute(text("SELECT pg_advisory_unlock_shared(:key)"), {"key": START_LOCK_KEY})
        report = import_packages(context, [Path(name) for name in job["files"]], trust_new=True)
    finally:
        context.close()
    rejected = [plan.message for plan in report.rejected]
    if rejected:
        raise SystemExit(f"rejected packages: {rejected}")


if __name__ == "__main__":
    main()
