"""One regional operator in a separate process: waits for the start signal, imports files, prints outcomes.

Run by tests/test_concurrency.py as ``python concurrency_worker.py JOB.json``.
The job names the database URL, the operator, the data folder and the files.
Every worker waits on a shared PostgreSQL advisory lock held by the test, so
all of them start importing at the same moment.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy import text

from proforient_desktop.services.context import open_context
from proforient_desktop.services.exchange import import_packages

START_LOCK_KEY = 0x5354415254


def main(job_path: str) -> int:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    context = open_context(job["data_dir"], operator=job["operator"], database_url=job["database_url"])
    try:
        with context.database.engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock_shared(:key)"), {"key": START_LOCK_KEY})
            connection.execute(text("SELECT pg_advisory_unlock_shared(:key)"), {"key": START_LOCK_KEY})
        report = import_packages(context, [Path(name) for name in job["files"]], trust_new=True)
    finally:
        context.close()
    outcomes = [{"file": Path(plan.file_name).name, "outcome": plan.outcome.value, "message": plan.message}
                for plan in report.results]
    print(json.dumps(outcomes, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
