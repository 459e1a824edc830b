"""Restoring an organisation on a new computer from its own last package."""

from __future__ import annotations

import pytest

from exchange_support import MUNICIPALITY, fill_school, install
from proforient_desktop.errors import DatabaseError, UserError
from proforient_desktop.exchange.keys import has_key_pair
from proforient_desktop.services import exchange_restore
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import get_counts
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.exchange_restore import restore_from_package
from proforient_desktop.services.keys import list_trusted_keys
from proforient_desktop.services.submissions import exchange_overview, list_submissions
from proforient_desktop.services.workspace import current_installation


@pytest.fixture
def municipality_package(tmp_path):
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    municipality = install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования",
                           MUNICIPALITY)
    fill_school(school, 300)
    import_packages(municipality, [export_package(school, tmp_path)], trust_new=True)
    export_package(municipality, tmp_path / "first.proforient")
    path = export_package(municipality, tmp_path / "omsu.proforient")
    school.close()
    municipality.close()
    return path


def test_restore_municipality_with_schools(municipality_package, tmp_path):
    context = open_context(tmp_path / "new-pc", operator="тест")

    result = restore_from_package(context, municipality_package)

    assert result.organisation_code == "2720000001"
    assert result.sequence == 2
    assert result.nested == 1
    assert result.key_changed
    assert get_counts(context, 2023, org_code="2721000001")["students_total"] == 300
    assert [row.sequence for row in list_submissions(context)] == [1]
    assert [key.registered_via for key in list_trusted_keys(context)] == ["restore"]
    assert exchange_overview(context).suggested_file_name.endswith("№3.proforient")
    context.close()


def test_restore_into_other_organisation_rejected(municipality_package, tmp_path):
    other = install(tmp_path, "other", "school", "2721000002", "МБОУ СОШ № 2", MUNICIPALITY)

    with pytest.raises(UserError, match="Программа настроена для организации «МБОУ СОШ № 2»"):
        restore_from_package(other, municipality_package)
    other.close()


def test_restore_from_damaged_file_rejected(municipality_package, tmp_path):
    damaged = tmp_path / "damaged.proforient"
    damaged.write_bytes(municipality_package.read_bytes()[:-100])
    context = open_context(tmp_path / "new-pc", operator="тест")

    with pytest.raises(UserError, match="«damaged.proforient» отклонён"):
        restore_from_package(context, damaged)
    context.close()


def test_failed_restore_leaves_no_setup(municipality_package, tmp_path, monkeypatch):
    def fail(*_args, **_kwargs):
        raise DatabaseError("Диск заполнен.")

    context = open_context(tmp_path / "new-pc", operator="тест")
    monkeypatch.setattr(exchange_restore, "replace_snapshot", fail)

    with pytest.raises(DatabaseError):
        restore_from_package(context, municipality_package)

    assert current_installation(context) is None
    assert not has_key_pair(context.data_dir)
    context.close()
