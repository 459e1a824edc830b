"""Targets for years after the programme's own: entry, merging and the signed update file."""

from __future__ import annotations

import base64
import json

import pytest

from proforient_desktop.cli import main
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.exchange import catalog_update
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.services.catalog_updates import (
    UnknownIssuerKeyError,
    UpdateStatus,
    export_catalog_update,
    import_catalog_update,
)
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.indicators import organisation_indicators
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.demo_install import write_region_targets
from proforient_desktop.services.installation import initialize, own_organisation
from proforient_desktop.services.keys import list_trusted_keys
from proforient_desktop.services.targets import (
    effective_catalog,
    first_editable_year,
    list_targets,
    merge_targets,
    set_targets,
)

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")

REGION_CODE = "2700000000"


@pytest.fixture
def region_context(tmp_path):
    context = open_context(tmp_path / "region", operator="оператор края")
    initialize(context, "region", REGION_CODE, "Министерство образования и науки Хабаровского края")
    yield context
    context.close()


def test_first_editable_year_after_programme(catalog):
    assert first_editable_year(catalog) == 2025


def test_merge_keeps_programme_targets(catalog):
    merged = merge_targets(catalog, {("P1", 2025): 14.0, ("unknown", 2025): 1.0})

    assert dict(merged.indicators["P1"].targets) == {2022: 7.0, 2023: 10.0, 2024: 12.0, 2025: 14.0}
    assert merged.indicators["P2"].targets == catalog.indicators["P2"].targets
    assert catalog.indicators["P1"].target_for(2025) is None


def test_region_sets_and_removes_targets(region_context):
    changed = set_targets(region_context, {("P1", 2025): 14, ("M12", 2026): 40})

    assert changed == 2
    assert list_targets(region_context) == {("P1", 2025): 14.0, ("M12", 2026): 40.0}
    assert effective_catalog(region_context).indicators["P1"].target_for(2025) == 14.0

    set_targets(region_context, {("P1", 2025): None})

    assert list_targets(region_context) == {("M12", 2026): 40.0}


@pytest.mark.parametrize("key, value, fragment", [
    (("P1", 2024), 14, "установлены программой"),
    (("P1", 2025), 101, "от 0 до 100"),
    (("P1", 2025), -1, "от 0 до 100"),
    (("P99", 2025), 5, "Неизвестный код показателя"),
])
def test_invalid_target_rejected_whole(region_context, key, value, fragment):
    with pytest.raises(InvalidInputError, match=fragment):
        set_targets(region_context, {("P2", 2025): 40, key: value})

    assert list_targets(region_context) == {}


def test_school_cannot_set_targets(school_context):
    with pytest.raises(UserError, match="региональный оператор"):
        set_targets(school_context, {("P1", 2025): 14})


def test_school_indicators_use_imported_target(region_context, school_context, tmp_path):
    set_targets(region_context, {("P1", 2025): 14, ("P2", 2025): 40})
    update_file = export_catalog_update(region_context, tmp_path / "цели.proforient-update")
    set_counts(school_context, 2025, {"students_total": 100, "ticket_to_future_participants": 13})

    result = import_catalog_update(school_context, update_file, trust_new=True)
    rows = {row.result.indicator.code: row.result for row in organisation_indicators(school_context, 2025).rows}

    assert result.status is UpdateStatus.APPLIED
    assert result.changed == 2
    assert rows["P1"].target == 14.0
    assert rows["P1"].value == 13.0
    assert rows["P1"].missed_target
    assert effective_catalog(school_context).indicators["P2"].target_for(2025) == 40.0


def test_update_needs_confirmed_key(region_context, school_context, tmp_path):
    set_targets(region_context, {("P1", 2025): 14})
    update_file = export_catalog_update(region_context, tmp_path / "цели.proforient-update")

    with pytest.raises(UnknownIssuerKeyError) as raised:
        import_catalog_update(school_context, update_file)

    assert raised.value.fingerprint == load_or_create_key_pair(region_context.data_dir).fingerprint
    assert list_targets(school_context) == {}


def test_same_update_twice_changes_nothing(region_context, school_context, tmp_path):
    set_targets(region_context, {("P1", 2025): 14})
    update_file = export_catalog_update(region_context, tmp_path / "1.proforient-update")
    import_catalog_update(school_context, update_file, trust_new=True)

    again = import_catalog_update(school_context, update_file)

    assert again.status is UpdateStatus.SAME
    assert again.changed == 0
    assert "уже загружено" in again.message


def test_newer_update_replaces_older_skipped(region_context, school_context, tmp_path):
    set_targets(region_context, {("P1", 2025): 14, ("P2", 2025): 40})
    first = export_catalog_update(region_context, tmp_path / "1.proforient-update")
    set_targets(region_context, {("P1", 2025): 15, ("P2", 2025): None})
    second = export_catalog_update(region_context, tmp_path / "2.proforient-update")

    import_catalog_update(school_context, second, trust_new=True)
    older = import_catalog_update(school_context, first)

    assert older.status is UpdateStatus.OLDER
    assert list_targets(school_context) == {("P1", 2025): 15.0}


def test_update_from_other_key_rejected(region_context, school_context, tmp_path):
    set_targets(region_context, {("P1", 2025): 14})
    import_catalog_update(school_context, export_catalog_update(region_context, tmp_path / "1.proforient-update"),
                          trust_new=True)
    impostor = open_context(tmp_path / "impostor", operator="чужой")
    initialize(impostor, "region", REGION_CODE, "Министерство образования и науки Хабаровского края")
    set_targets(impostor, {("P1", 2025): 1})
    forged = export_catalog_update(impostor, tmp_path / "2.proforient-update")
    impostor.close()

    with pytest.raises(UserError, match="зарегистрирован ключ"):
        import_catalog_update(school_context, forged, trust_new=True)

    assert list_targets(school_context) == {("P1", 2025): 14.0}


def test_tampered_update_rejected(region_context, school_context, tmp_path):
    set_targets(region_context, {("P1", 2025): 14})
    path = export_catalog_update(region_context, tmp_path / "1.proforient-update")
    envelope = json.loads(path.read_text(encoding="utf-8"))
    content = json.loads(base64.b64decode(envelope["content"]))
    content["targets"][0]["value"] = 1
    envelope["content"] = base64.b64encode(json.dumps(content).encode()).decode()
    path.write_text(json.dumps(envelope), encoding="utf-8")

    with pytest.raises(UserError, match="подпись файла обновления неверна"):
        import_catalog_update(school_context, path, trust_new=True)

    assert list_targets(school_context) == {}


@pytest.mark.parametrize("data", [b"", b"\xff\xfe", b"[]", b'{"format": "other"}', b"{" * 100_000])
def test_broken_update_file_rejected(data):
    with pytest.raises(PackageRejected):
        catalog_update.read_update(data)


def test_update_with_unknown_indicator_rejected(region_context, school_context, tmp_path):
    key_pair = load_or_create_key_pair(region_context.data_dir)
    data = catalog_update.build_update(key_pair, issuer_code=REGION_CODE, issuer_name="Регион", sequence=1,
                                       catalog_version=1,
                                       targets=[catalog_update.TargetEntry("P99", 2025, 5.0)])
    path = tmp_path / "bad.proforient-update"
    path.write_bytes(data)

    with pytest.raises(UserError, match="обновите программу"):
        import_catalog_update(school_context, path, trust_new=True)

    assert list_targets(school_context) == {}


@pytest.fixture
def demo_update_file(catalog, tmp_path):
    """The signed targets update of a demo region, as ``proforient demo`` writes it."""
    region = generate_region(catalog, schools=3, colleges=1, years=(2024, 2025), seed=7)
    return write_region_targets(catalog, region, tmp_path / "demo")


def mark_demo(context) -> None:
    with context.database.transaction() as session:
        own_organisation(session).is_demo = True


def test_real_installation_rejects_demo_update(school_context, demo_update_file):
    with pytest.raises(UserError) as raised:
        import_catalog_update(school_context, demo_update_file, trust_new=True)

    message = raised.value.message
    assert f"Файл «{demo_update_file.name}» отклонён" in message
    assert "файл целевых значений создан демонстрационной установкой" in message
    assert "Загрузите настоящий файл целевых значений" in message
    assert list_targets(school_context) == {}
    assert list_trusted_keys(school_context) == []


def test_demo_installation_accepts_demo_update(school_context, demo_update_file):
    mark_demo(school_context)

    result = import_catalog_update(school_context, demo_update_file, trust_new=True)

    assert result.status is UpdateStatus.APPLIED
    assert result.changed > 0


def test_cli_rejects_demo_update(school_context, demo_update_file, capsys):
    school_context.close()

    code = main(["--data-dir", str(school_context.data_dir), "targets", "import", "--trust",
                 str(demo_update_file)])
    captured = capsys.readouterr()

    assert code != 0
    assert "файл целевых значений создан демонстрационной установкой" in captured.err
    assert demo_update_file.name in captured.err
