"""Demo installations of each role, built through real signed packages, and the demo command."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from proforient_desktop.catalog import Role
from proforient_desktop.cli import main
from proforient_desktop.exchange.receiver import DEMO_CODE_PREFIX
from proforient_desktop.domain.indicators import Status
from proforient_desktop.services.completeness import completeness
from proforient_desktop.services.consolidation import consolidate
from proforient_desktop.services.context import open_context
from proforient_desktop.services.demo import (
    DeviationKind,
    generate_region,
    is_demo_installation,
    municipality_org_code,
    showcase_municipality,
)
from proforient_desktop.services.demo_data import REGION_CODE
from proforient_desktop.services.demo_install import TARGETS_UPDATE_FILE, build_demo, showcase_school
from proforient_desktop.services.exchange import import_packages
from proforient_desktop.services.indicators import organisation_indicators
from proforient_desktop.services.installation import load_installation
from proforient_desktop.services.plausibility import plausibility_warnings
from proforient_desktop.services.targets import effective_catalog
from proforient_desktop.storage.database import DATABASE_FILE
from proforient_desktop.storage.models import (
    Activity,
    CountValue,
    Organisation,
    ReceivedPackage,
    TargetValue,
    TrustedKey,
)
from tests.exchange_support import database_state, install

# The last programme year and the first year whose targets the demo region sets.
YEARS = (2024, 2025)


@pytest.fixture(scope="module")
def region(catalog):
    return generate_region(catalog, schools=40, colleges=2, years=YEARS, seed=5)


@pytest.fixture
def opened(tmp_path):
    contexts = []

    def _open(path):
        context = open_context(path, operator="тест")
        contexts.append(context)
        return context

    yield _open
    for context in contexts:
        context.close()


def test_school_demo_has_several_years(catalog, region, tmp_path, opened):
    build = build_demo(catalog, region, Role.SCHOOL, tmp_path / "школа", tmp_path / "out")
    context = opened(tmp_path / "школа")

    with context.database.transaction() as session:
        installation = load_installation(session)
        years = set(session.scalars(select(CountValue.year).distinct()))
        activities = session.scalar(select(func.count()).select_from(Activity))
    assert installation.role is Role.SCHOOL
    assert installation.organisation_code == showcase_school(region).code == build.organisation_code
    assert years == set(YEARS)
    assert activities == len(region.activities[build.organisation_code])
    assert is_demo_installation(context)
    assert list((tmp_path / "out" / "packages").glob("*.proforient"))


def test_municipality_demo_imported_schools_by_package(catalog, region, tmp_path, opened):
    municipality = showcase_municipality(region)
    build = build_demo(catalog, region, Role.MUNICIPALITY, tmp_path / "омсу", tmp_path / "out")
    context = opened(tmp_path / "омсу")

    schools = region.schools_of(municipality)
    sending = {school.code for school in schools} - region.silent_codes
    with context.database.transaction() as session:
        installation = load_installation(session)
        received = set(session.scalars(
            select(Organisation.code).join(ReceivedPackage, ReceivedPackage.organisation_id == Organisation.id)
        ))
        trusted = set(session.scalars(
            select(Organisation.code).join(TrustedKey, TrustedKey.organisation_id == Organisation.id)
        ))
        directory = set(session.scalars(select(Organisation.code).where(Organisation.kind == "school")))
    assert installation.organisation_code == municipality_org_code(municipality)
    assert received == sending
    # The region's key comes with its catalogue update of targets.
    assert trusted == sending | {REGION_CODE}
    assert directory == {school.code for school in schools}
    assert build.imported == len(sending)
    assert build.rejected == []
    assert is_demo_installation(context)


def test_municipality_demo_shows_deviations(catalog, region, tmp_path, opened):
    build = build_demo(catalog, region, Role.MUNICIPALITY, tmp_path / "омсу", tmp_path / "out")
    context = opened(tmp_path / "омсу")

    assert len(build.deviations) == len(region.deviations)
    last_year = YEARS[-1]
    warned = {(warning.organisation_code, warning.year) for warning in plausibility_warnings(context, last_year)}
    for deviation in region.deviations:
        if deviation.kind == DeviationKind.PART_ABOVE_WHOLE and deviation.year == last_year:
            assert (deviation.organisation_code, last_year) in warned

    rows = completeness(context, last_year)
    missing = {organisation.code for row in rows for organisation in row.missing}
    assert region.silent_codes <= missing
    for deviation in region.deviations:
        if deviation.kind == DeviationKind.UNREPORTED_YEAR:
            assert deviation.organisation_code in missing


@pytest.mark.slow
def test_region_demo_imported_municipalities_and_colleges(catalog, tmp_path, opened):
    small = generate_region(catalog, schools=19, colleges=2, years=YEARS, seed=9)
    build = build_demo(catalog, small, Role.REGION, tmp_path / "регион", tmp_path / "out")
    context = opened(tmp_path / "регион")

    with context.database.transaction() as session:
        kinds = dict(session.execute(
            select(Organisation.kind, func.count()).join(ReceivedPackage, ReceivedPackage.organisation_id
                                                         == Organisation.id).group_by(Organisation.kind)
        ).all())
        region_years = set(session.scalars(
            select(CountValue.year).join(Organisation).where(Organisation.kind == "region")
        ))
        directory = set(session.scalars(select(Organisation.code).where(Organisation.kind == "school")))
    assert build.rejected == []
    assert small.silent_codes <= directory
    assert kinds["municipality"] == len(small.municipalities())
    assert kinds["college"] == 2
    assert kinds["school"] == 19 - len(small.silent_codes)
    assert region_years == set(YEARS)
    assert is_demo_installation(context)


def _statuses(context, role, year):
    if role in (Role.SCHOOL, Role.COLLEGE):
        return {row.result.status for row in organisation_indicators(context, year).rows}
    return {result.status for result in consolidate(context, year).region.results.values()}


def _check_targets_and_statuses(context, role, years):
    catalog = effective_catalog(context)
    with_targets = [indicator for indicator in catalog.indicators.values() if indicator.targets]
    assert with_targets
    for year in years:
        missing = [indicator.code for indicator in with_targets if indicator.target_for(year) is None]
        assert missing == [], f"{role.value}, {year}: no target for {missing}"

        statuses = _statuses(context, role, year)
        assert Status.REACHED in statuses, f"{role.value}, {year}: {statuses}"
        assert statuses & {Status.NEAR, Status.BELOW}, f"{role.value}, {year}: {statuses}"


@pytest.mark.parametrize("role", [Role.SCHOOL, Role.COLLEGE, Role.MUNICIPALITY])
def test_demo_has_region_targets(catalog, region, tmp_path, opened, role):
    build_demo(catalog, region, role, tmp_path / "демо", tmp_path / "out")
    context = opened(tmp_path / "демо")

    _check_targets_and_statuses(context, role, YEARS)
    with context.database.transaction() as session:
        issuers = set(session.scalars(select(TargetValue.issuer_code)))
        sources = set(session.scalars(select(TargetValue.source)))
    assert issuers == {REGION_CODE}
    assert sources == {"update"}


@pytest.mark.slow
def test_region_demo_has_targets(catalog, tmp_path, opened):
    small = generate_region(catalog, schools=19, colleges=2, years=YEARS, seed=9)
    build_demo(catalog, small, Role.REGION, tmp_path / "регион", tmp_path / "out")
    context = opened(tmp_path / "регион")

    _check_targets_and_statuses(context, Role.REGION, YEARS)
    assert (tmp_path / "out" / "packages" / TARGETS_UPDATE_FILE).exists()


def test_real_installation_is_not_demo(school_context):
    assert not is_demo_installation(school_context)


def test_demo_refuses_existing_database(tmp_path, capsys):
    data_dir = tmp_path / "данные"
    assert main(["init", "--data-dir", str(data_dir), "--role", "region", "--org-code", "r1",
                 "--org-name", "Регион"]) == 0
    before = (data_dir / DATABASE_FILE).read_bytes()

    assert main(["demo", "--data-dir", str(data_dir), "--role", "school"]) == 1
    assert "уже есть база данных" in capsys.readouterr().err
    assert (data_dir / DATABASE_FILE).read_bytes() == before


@pytest.mark.parametrize("arguments", [
    ["--years", "2024-2022"],
    ["--schools", "0"],
    ["--role", "college", "--colleges", "0"],
])
def test_demo_rejects_bad_options(tmp_path, capsys, arguments):
    data_dir = tmp_path / "данные"
    assert main(["demo", "--data-dir", str(data_dir), *arguments]) == 2
    assert capsys.readouterr().err.startswith("ошибка: ")
    assert not (data_dir / DATABASE_FILE).exists()


def test_demo_command_builds_school(tmp_path, capsys):
    data_dir = tmp_path / "данные"
    assert main(["demo", "--data-dir", str(data_dir), "--role", "school", "--schools", "20",
                 "--years", "2023-2024"]) == 0
    output = capsys.readouterr().out
    assert "Демонстрационная установка готова" in output
    assert f"proforient --data-dir \"{data_dir}\"" in output
    targets_update = data_dir / "demo-packages" / "packages" / "targets.proforient-update"
    assert f"Файл целевых значений демонстрационного региона: {targets_update}" in output
    assert (data_dir / DATABASE_FILE).exists()


def test_demo_without_data_dir_spares_default(tmp_path, monkeypatch, capsys):
    default = tmp_path / "ProfOrient"
    monkeypatch.setenv("PROFORIENT_DATA_DIR", str(default))

    assert main(["demo", "--role", "school", "--schools", "20", "--years", "2024"]) == 0

    assert (tmp_path / "ProfOrient-demo" / DATABASE_FILE).exists()
    assert not (default / DATABASE_FILE).exists()
    assert str(tmp_path / "ProfOrient-demo") in capsys.readouterr().out


def test_demo_codes_carry_prefix(region):
    codes = [organisation.code for organisation in region.organisations]

    assert codes
    assert all(code.startswith(DEMO_CODE_PREFIX) for code in codes)
    assert municipality_org_code("khabarovsky").startswith(DEMO_CODE_PREFIX)


def test_demo_package_rejected_by_real_installation(catalog, region, tmp_path, opened):
    build_demo(catalog, region, Role.SCHOOL, tmp_path / "школа", tmp_path / "out")
    package = next((tmp_path / "out").rglob("*.proforient"))
    school = showcase_school(region)
    real = install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования", school.municipality_code)
    before = database_state(real)

    report = import_packages(real, [package], trust_new=True)

    assert report.imported == []
    assert "демонстрационный пакет" in report.rejected[0].message
    assert database_state(real) == before
    real.close()
