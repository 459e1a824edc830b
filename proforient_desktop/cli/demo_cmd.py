"""``proforient demo``: a demo installation of any role, built from generated signed packages."""

from __future__ import annotations

import argparse
from pathlib import Path

from proforient_desktop.catalog import Role, load_catalog
from proforient_desktop.cli.common import require, writing_lock
from proforient_desktop.services.demo import (
    DEFAULT_COLLEGES,
    DEFAULT_SCHOOLS,
    DEFAULT_SEED,
    DEFAULT_YEAR_SPAN,
    MAX_ORGANISATIONS,
    generate_region,
    parse_years,
)
from proforient_desktop.services.demo_install import PACKAGES_DIR, TARGETS_UPDATE_FILE, DemoBuild, build_demo
from proforient_desktop.storage.database import resolve_data_dir

ROLE_HELP = {
    Role.SCHOOL: "школа с данными за несколько лет",
    Role.COLLEGE: "колледж с данными за несколько лет",
    Role.MUNICIPALITY: "муниципалитет, уже загрузивший пакеты своих школ",
    Role.REGION: "регион, уже загрузивший пакеты муниципалитетов и колледжей",
}


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "demo", parents=[common], help="создать демонстрационную установку с вымышленными данными",
        description="Создаёт в новой папке данных демонстрационную установку выбранной роли. Данные вымышленные "
                    "(«Школа № 3 (демо)»), но проходят настоящий путь: каждая школа подписывает свой пакет своим "
                    "ключом, муниципалитеты и регион их загружают. Без --data-dir установка создаётся в отдельной "
                    "папке рядом с рабочей (с окончанием «-demo»), чтобы не занять её. Откройте результат командой "
                    "«proforient --data-dir ПАПКА».",
    )
    parser.add_argument("--role", choices=[role.value for role in Role], default=Role.REGION.value,
                        help="роль установки: " + "; ".join(f"{role.value} — {text}" for role, text in ROLE_HELP.items())
                        + " (по умолчанию region)")
    parser.add_argument("--schools", type=int, default=DEFAULT_SCHOOLS, metavar="N",
                        help=f"число школ в регионе (по умолчанию {DEFAULT_SCHOOLS})")
    parser.add_argument("--colleges", type=int, default=DEFAULT_COLLEGES, metavar="N",
                        help=f"число колледжей (по умолчанию {DEFAULT_COLLEGES})")
    parser.add_argument("--years", metavar="ГОД-ГОД",
                        help=f"отчётные годы, например 2022-2024 (по умолчанию последние {DEFAULT_YEAR_SPAN} "
                             "лет по текущий год)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="N",
                        help="начальное значение генератора: с одним значением данные получаются одинаковыми")
    parser.add_argument("--out", metavar="ПАПКА",
                        help="куда сложить пакеты и ключи вымышленных организаций "
                             "(по умолчанию — подпапка demo-packages папки данных)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    require(1 <= args.schools and 0 <= args.colleges and args.schools + args.colleges <= MAX_ORGANISATIONS,
            f"Число школ должно быть от 1, колледжей — от 0, всего не больше {MAX_ORGANISATIONS}.")
    years = parse_years(args.years) if args.years else None
    role = Role(args.role)
    require(role is not Role.COLLEGE or args.colleges >= 1, "Для демонстрации колледжа нужен хотя бы один колледж.")
    data_dir = demo_data_dir(getattr(args, "data_dir", None))
    output_dir = Path(args.out) if args.out else data_dir / "demo-packages"

    catalog = load_catalog()
    region = generate_region(catalog, schools=args.schools, colleges=args.colleges, years=years, seed=args.seed)
    # The demo's folder is not the one --data-dir names without it, so the lock is taken here.
    with writing_lock(data_dir, "demo"):
        build = build_demo(catalog, region, role, data_dir, output_dir)
    _print_summary(build)
    return 0


def demo_data_dir(explicit: str | None) -> Path:
    """Return the given folder, or a «-demo» folder beside the default one.

    Without ``--data-dir`` the demo must not take the user's real data
    folder, where the first real setup would then find a demo installation.
    """
    if explicit:
        return resolve_data_dir(explicit)
    default = resolve_data_dir(None)
    return default.with_name(f"{default.name}-demo")


def _print_summary(build: DemoBuild) -> None:
    print(f"Демонстрационная установка готова за {build.seconds:.1f} с: {build.organisation_name} "
          f"(роль {build.role.value}).")
    print(f"Папка данных: {build.data_dir}")
    print(f"Пакеты и ключи вымышленных организаций: {build.output_dir}")
    targets_update = build.output_dir / PACKAGES_DIR / TARGETS_UPDATE_FILE
    if targets_update.exists():
        print(f"Файл целевых значений демонстрационного региона: {targets_update} "
              "(его загружает только демонстрационная установка: «proforient targets import»).")
    if build.imported:
        print(f"Загружено пакетов: {build.imported}.")
    if build.rejected:
        print("Не загружены (ошибка программы, сообщите разработчикам): " + ", ".join(build.rejected))
    if build.deviations:
        print("Намеренные пропуски и предупреждения в данных:")
        for deviation in build.deviations:
            print(f"  • {deviation.description}")
    print(f"Открыть: proforient --data-dir \"{build.data_dir}\"")
