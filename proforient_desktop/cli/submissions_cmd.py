"""``proforient submissions``: which organisations sent which package."""

from __future__ import annotations

import argparse
import datetime as dt

from proforient_desktop.cli.common import add_format, context_from
from proforient_desktop.cli.output import format_table, to_json
from proforient_desktop.services.submissions import STATUS_NAMES_RU, list_submissions

HEADERS = ("Организация", "Код", "Вид", "Через", "Пакет №", "Получен", "Создан (часы отправителя)", "Состояние")
KIND_NAMES_RU = {"school": "ОО", "college": "ПОО", "municipality": "ОМСУ", "region": "регион"}


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "submissions", parents=[common], help="полученные пакеты по организациям",
        description="Показывает организации, последний загруженный пакет каждой, его номер и дату получения.",
    )
    add_format(parser, ("table", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    context = context_from(args)
    try:
        rows = list_submissions(context)
    finally:
        context.close()

    if args.format == "json":
        print(to_json([row.__dict__ for row in rows]))
        return 0
    if not rows:
        print("Пакетов ещё не получено.")
        return 0
    print(format_table(HEADERS, [
        (row.organisation_name, row.organisation_code, KIND_NAMES_RU.get(row.kind, row.kind), row.via or "напрямую",
         row.sequence or "", _local_time(row.received_at), _local_time(row.sender_created_at),
         STATUS_NAMES_RU[row.status])
        for row in rows
    ]))
    return 0


def _local_time(moment: dt.datetime | str | None) -> str:
    """Format a stored UTC moment (SQLite returns it without its zone) or an ISO text in local time."""
    if not moment:
        return ""
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")
