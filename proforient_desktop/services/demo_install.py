"""Demo installations of every role, built from a generated region through real signed packages.

Each school and college gets its own folder under the output folder with its
own Ed25519 key. Its package is built by the same ``build_package`` that
``export_package`` calls, from the snapshot a school installation would read
from its database. Each municipality is a real installation: it imports
its schools' packages and exports its municipal package with
``export_package``. The region imports the municipal and college packages
with ``import_packages`` and sets the demo targets for the years after the
programme's. Every other role imports those targets from the region's signed
catalogue update, as a real installation does, so its indicators have a
status in every demo year. Only the installation's own organisation is marked
``is_demo``, because the directory and consolidation leave out demo
organisations. ``demo.is_demo_installation`` tells screens and reports to mark
everything they show as demo data.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.errors import UserError
from proforient_desktop.exchange import catalog_update
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.package import FILE_SUFFIX, AcceptedKey, build_package
from proforient_desktop.exchange.payload import ActivityRecord, Snapshot
from proforient_desktop.exchange.snapshot_store import replace_snapshot
from proforient_desktop.services import demo_data as data
from proforient_desktop.services.catalog_updates import export_catalog_update, import_catalog_update
from proforient_desktop.services.context import AppContext, open_context
from proforient_desktop.services.demo import (
    DemoOrganisation,
    DemoRegion,
    Deviation,
    demo_targets,
    municipality_org_code,
    municipality_org_name,
    region_counts,
    showcase_municipality,
)
from proforient_desktop.services.directory import add_organisation
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.installation import initialize, load_installation, own_organisation
from proforient_desktop.services.targets import set_targets
from proforient_desktop.storage.database import DATABASE_FILE, open_database
from proforient_desktop.storage.models import Organisation

log = logging.getLogger(__name__)

DEMO_OPERATOR = "демо"
ORGANISATIONS_DIR = "organisations"
PACKAGES_DIR = "packages"
SOURCE_DEMO = "demo"
TARGETS_UPDATE_FILE = "targets" + catalog_update.FILE_SUFFIX


@dataclass
class DemoBuild:
    """The result of a demo build: the installation and the packages it imported."""

    role: Role
    data_dir: Path
    organisation_code: str
    organisation_name: str
    output_dir: Path
    imported: int = 0
    rejected: list[str] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    seconds: float = 0.0


def snapshot_of(region: DemoRegion, code: str) -> Snapshot:
    """Return the snapshot an organisation's installation would export."""
    activities = [ActivityRecord(**activity.__dict__) for activity in region.activities.get(code, [])]
    counts = {year: dict(values) for year, values in region.counts.get(code, {}).items()}
    return Snapshot(counts, activities)


def write_leaf_packages(catalog: Catalog, region: DemoRegion, output_dir: Path,
                        organisations: list[DemoOrganisation]) -> dict[str, Path]:
    """Write the package of each school or college, signed by its own key; return ``{code: path}``.

    Organisations that send no package (a deliberate gap) are skipped.
    """
    packages_dir = output_dir / PACKAGES_DIR / "leaf"
    packages_dir.mkdir(parents=True, exist_ok=True)
    silent = region.silent_codes
    paths = {}
    for organisation in organisations:
        if organisation.code in silent:
            continue
        key_pair = load_or_create_key_pair(output_dir / ORGANISATIONS_DIR / organisation.code)
        sender = Sender(organisation.code, organisation.name, organisation.kind, organisation.municipality_code)
        package = build_package(key_pair=key_pair, catalog=catalog, sender=sender, sequence=1,
                                snapshot=snapshot_of(region, organisation.code))
        path = packages_dir / f"{organisation.code}{FILE_SUFFIX}"
        path.write_bytes(package)
        paths[organisation.code] = path
    return paths


def write_municipal_packages_direct(catalog: Catalog, region: DemoRegion, output_dir: Path) -> list[Path]:
    """Write each municipality's package without a municipal installation; return the paths.

    The package holds the schools' packages as built and the schools' keys,
    signed by a key of its own, as ``export_package`` would make it after
    importing them. It is much faster than ``write_municipal_packages`` and
    is meant for benchmarks at large scale.
    """
    school_packages = write_leaf_packages(catalog, region, output_dir, region.of_kind(Role.SCHOOL.value))
    municipal_dir = output_dir / PACKAGES_DIR / "municipal"
    municipal_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for municipality_code in region.municipalities():
        code = municipality_org_code(municipality_code)
        nested = []
        accepted = []
        for school in region.schools_of(municipality_code):
            if school.code in school_packages:
                nested.append(school_packages[school.code].read_bytes())
                school_key = load_or_create_key_pair(output_dir / ORGANISATIONS_DIR / school.code)
                accepted.append(AcceptedKey(school.code, school_key.public_key_bytes))
        key_pair = load_or_create_key_pair(output_dir / ORGANISATIONS_DIR / code)
        sender = Sender(code, municipality_org_name(catalog, municipality_code), Role.MUNICIPALITY.value,
                        municipality_code)
        package = build_package(key_pair=key_pair, catalog=catalog, sender=sender, sequence=1,
                                snapshot=snapshot_of(region, code), nested=nested, accepted_keys=tuple(accepted))
        path = municipal_dir / f"{code}{FILE_SUFFIX}"
        path.write_bytes(package)
        paths.append(path)
    return paths


class _Installations:
    """Creates empty installations by copying one freshly migrated database.

    Migrating a new database takes about a second on a slow machine, and a
    demo region needs one municipal installation per municipality. So the
    empty, migrated file is made once and copied.
    """

    def __init__(self, catalog: Catalog, scratch: Path) -> None:
        self.catalog = catalog
        self.template = scratch
        open_database(self.template).dispose()

    def open(self, data_dir: Path) -> AppContext:
        data_dir.mkdir(parents=True, exist_ok=True)
        if not (data_dir / DATABASE_FILE).exists():
            shutil.copyfile(self.template / DATABASE_FILE, data_dir / DATABASE_FILE)
        # The catalogue is shared instead of loaded again for every installation.
        return AppContext(self.catalog, open_database(data_dir), operator=DEMO_OPERATOR)


def _mark_own_organisation_demo(context: AppContext) -> None:
    with context.database.transaction() as session:
        organisation = own_organisation(session)
        session.execute(update(Organisation).where(Organisation.id == organisation.id).values(is_demo=True))


def _import(context: AppContext, paths: list[Path], build: DemoBuild) -> None:
    report = import_packages(context, paths, trust_new=True)
    build.imported += len(report.imported)
    for plan in report.rejected:
        # A rejected demo package is a bug in the generator or the exchange code.
        log.error("Demo package %s rejected: %s", plan.file_name, plan.message)
        build.rejected.append(plan.file_name)


def _write_own_data(context: AppContext, region: DemoRegion, code: str) -> None:
    snapshot = snapshot_of(region, code)
    with context.database.transaction() as session:
        replace_snapshot(session, own_organisation(session), snapshot, source=SOURCE_DEMO)


def _add_silent_schools(context: AppContext, region: DemoRegion, municipality_code: str | None) -> None:
    with context.database.transaction() as session:
        # A municipal package may already have brought the school into the directory.
        known = set(session.scalars(select(Organisation.code)))
    for organisation in region.of_kind(Role.SCHOOL.value):
        if organisation.code not in region.silent_codes or organisation.code in known:
            continue
        if municipality_code is None or organisation.municipality_code == municipality_code:
            add_organisation(context, organisation.code, organisation.name, organisation.kind,
                             organisation.municipality_code)


def build_municipality(catalog: Catalog, region: DemoRegion, municipality_code: str, data_dir: Path,
                       school_packages: dict[str, Path], build: DemoBuild,
                       installations: _Installations | None = None) -> AppContext:
    """Set up a municipal installation that imported its schools' packages; return it open."""
    context = installations.open(data_dir) if installations else open_context(data_dir, operator=DEMO_OPERATOR)
    code = municipality_org_code(municipality_code)
    initialize(context, Role.MUNICIPALITY, code, municipality_org_name(catalog, municipality_code),
               municipality_code)
    _write_own_data(context, region, code)
    paths = [school_packages[school.code] for school in region.schools_of(municipality_code)
             if school.code in school_packages]
    _import(context, paths, build)
    _add_silent_schools(context, region, municipality_code)
    return context


def build_demo(catalog: Catalog, region: DemoRegion, role: Role, data_dir: Path, output_dir: Path,
               *, municipality_code: str | None = None) -> DemoBuild:
    """Build the demo installation of ``role`` in ``data_dir``; packages and keys go to ``output_dir``."""
    started = time.perf_counter()
    data_dir = Path(data_dir)
    output_dir = Path(output_dir)
    _require_empty(data_dir)

    if role is Role.SCHOOL:
        build = _build_school(catalog, region, data_dir, output_dir)
    elif role is Role.COLLEGE:
        build = _build_college(catalog, region, data_dir, output_dir)
    elif role is Role.MUNICIPALITY:
        build = _build_municipality_demo(catalog, region, data_dir, output_dir, municipality_code)
    else:
        build = _build_region(catalog, region, data_dir, output_dir)
    build.seconds = time.perf_counter() - started
    log.info("Demo %s built in %s in %.1f s: %d packages imported, %d rejected", role.value, data_dir,
             build.seconds, build.imported, len(build.rejected))
    return build


def _require_empty(data_dir: Path) -> None:
    if (data_dir / DATABASE_FILE).exists():
        raise UserError(
            f"В папке «{data_dir}» уже есть база данных программы. Демонстрационные данные создаются "
            "только в новой папке: укажите пустую папку (--data-dir), чтобы не смешать их с рабочими."
        )


def _build_school(catalog: Catalog, region: DemoRegion, data_dir: Path, output_dir: Path) -> DemoBuild:
    school = showcase_school(region)
    build = DemoBuild(Role.SCHOOL, data_dir, school.code, school.name, output_dir,
                      deviations=[d for d in region.deviations if d.organisation_code == school.code])
    context = open_context(data_dir, operator=DEMO_OPERATOR)
    try:
        initialize(context, Role.SCHOOL, school.code, school.name, school.municipality_code)
        _write_own_data(context, region, school.code)
        _mark_own_organisation_demo(context)
        import_catalog_update(context, write_region_targets(catalog, region, output_dir), trust_new=True)
        (output_dir / PACKAGES_DIR).mkdir(parents=True, exist_ok=True)
        export_package(context, output_dir / PACKAGES_DIR)
    finally:
        context.close()
    return build


def _build_college(catalog: Catalog, region: DemoRegion, data_dir: Path, output_dir: Path) -> DemoBuild:
    college = region.of_kind(Role.COLLEGE.value)[0]
    build = DemoBuild(Role.COLLEGE, data_dir, college.code, college.name, output_dir)
    context = open_context(data_dir, operator=DEMO_OPERATOR)
    try:
        initialize(context, Role.COLLEGE, college.code, college.name, college.municipality_code)
        _write_own_data(context, region, college.code)
        _mark_own_organisation_demo(context)
        import_catalog_update(context, write_region_targets(catalog, region, output_dir), trust_new=True)
    finally:
        context.close()
    return build


def showcase_school(region: DemoRegion) -> DemoOrganisation:
    """Return the school the school demo shows: the first one with every year reported in full."""
    deviating = {deviation.organisation_code for deviation in region.deviations}
    for school in region.of_kind(Role.SCHOOL.value):
        if school.code not in deviating and not school.basic_only:
            return school
    return region.of_kind(Role.SCHOOL.value)[0]


def _build_municipality_demo(catalog: Catalog, region: DemoRegion, data_dir: Path, output_dir: Path,
                             municipality_code: str | None) -> DemoBuild:
    municipality_code = municipality_code or showcase_municipality(region)
    schools = region.schools_of(municipality_code)
    codes = {school.code for school in schools}
    build = DemoBuild(Role.MUNICIPALITY, data_dir, municipality_org_code(municipality_code),
                      municipality_org_name(catalog, municipality_code), output_dir,
                      deviations=[d for d in region.deviations if d.organisation_code in codes])
    packages = write_leaf_packages(catalog, region, output_dir, schools)
    context = build_municipality(catalog, region, municipality_code, data_dir, packages, build)
    try:
        _mark_own_organisation_demo(context)
        import_catalog_update(context, write_region_targets(catalog, region, output_dir), trust_new=True)
    finally:
        context.close()
    return build


def _build_region(catalog: Catalog, region: DemoRegion, data_dir: Path, output_dir: Path) -> DemoBuild:
    build = DemoBuild(Role.REGION, data_dir, data.REGION_CODE, data.REGION_NAME, output_dir,
                      deviations=list(region.deviations))
    municipal_packages = write_municipal_packages(catalog, region, output_dir, build)
    college_packages = write_leaf_packages(catalog, region, output_dir, region.of_kind(Role.COLLEGE.value))

    context = open_context(data_dir, operator=DEMO_OPERATOR)
    try:
        initialize(context, Role.REGION, data.REGION_CODE, data.REGION_NAME)
        with context.database.transaction() as session:
            snapshot = snapshot_of(region, data.REGION_CODE)
            snapshot.counts.update(region_counts(catalog, region))
            replace_snapshot(session, own_organisation(session), snapshot, source=SOURCE_DEMO)
        _import(context, municipal_packages + list(college_packages.values()), build)
        _add_silent_schools(context, region, None)
        set_targets(context, demo_targets(catalog, region.years))
        _mark_own_organisation_demo(context)
        # The same update the other roles' demos import, for the operator to try distributing it.
        export_catalog_update(context, output_dir / PACKAGES_DIR / TARGETS_UPDATE_FILE)
    finally:
        context.close()
    return build


def write_region_targets(catalog: Catalog, region: DemoRegion, output_dir: Path) -> Path:
    """Set the demo targets in a demo region installation and export its signed catalogue update.

    The region installation lives beside the fictional organisations' keys in
    ``output_dir`` and is reused when a demo is built again with the same
    ``output_dir``. Return the path of the update file.
    """
    context = open_context(output_dir / ORGANISATIONS_DIR / data.REGION_CODE, operator=DEMO_OPERATOR)
    try:
        with context.database.transaction() as session:
            installed = load_installation(session) is not None
        if not installed:
            initialize(context, Role.REGION, data.REGION_CODE, data.REGION_NAME)
            _mark_own_organisation_demo(context)
        set_targets(context, demo_targets(catalog, region.years))
        (output_dir / PACKAGES_DIR).mkdir(parents=True, exist_ok=True)
        return export_catalog_update(context, output_dir / PACKAGES_DIR / TARGETS_UPDATE_FILE)
    finally:
        context.close()


def write_municipal_packages(catalog: Catalog, region: DemoRegion, output_dir: Path,
                             build: DemoBuild) -> list[Path]:
    """Build every municipality's installation from its schools' packages and export its package."""
    school_packages = write_leaf_packages(catalog, region, output_dir, region.of_kind(Role.SCHOOL.value))
    installations = _Installations(catalog, output_dir / ORGANISATIONS_DIR / "_empty")
    municipal_dir = output_dir / PACKAGES_DIR / "municipal"
    paths = []
    for municipality_code in region.municipalities():
        data_dir = output_dir / ORGANISATIONS_DIR / municipality_org_code(municipality_code)
        context = build_municipality(catalog, region, municipality_code, data_dir, school_packages, build,
                                     installations)
        try:
            _mark_own_organisation_demo(context)
            paths.append(export_package(context, municipal_dir / f"{municipality_org_code(municipality_code)}"
                                                                 f"{FILE_SUFFIX}"))
        finally:
            context.close()
    return paths
