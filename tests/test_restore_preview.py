"""Describing a package for a restore, and the new key staged until the restore installs it."""

from __future__ import annotations

import pytest

from exchange_support import MUNICIPALITY, fill_school, install
from proforient_desktop.catalog import Role
from proforient_desktop.errors import UserError
from proforient_desktop.exchange.keys import load_or_create_key_pair, private_key_path
from proforient_desktop.services.context import open_context
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.restore_preview import StagedKey, YearContents, describe_package


@pytest.fixture
def municipality_package(tmp_path):
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    municipality = install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования",
                           MUNICIPALITY)
    fill_school(school, 300)
    import_packages(municipality, [export_package(school, tmp_path)], trust_new=True)
    path = export_package(municipality, tmp_path / "omsu.proforient")
    school.close()
    municipality.close()
    return path


def test_describe_municipality_package(municipality_package, tmp_path):
    context = open_context(tmp_path / "new-pc", operator="тест")

    preview = describe_package(context, municipality_package)

    assert preview.organisation_code == "2720000001"
    assert preview.role is Role.MUNICIPALITY
    assert preview.municipality_name == "Хабаровский"
    assert preview.sequence == 1
    assert preview.nested == 1
    # The schools' figures travel in the nested packages, not in the municipality's own snapshot.
    assert preview.years == ()
    context.close()


def test_describe_counts_years(tmp_path):
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    fill_school(school, 300)
    path = export_package(school, tmp_path / "school.proforient")
    school.close()
    context = open_context(tmp_path / "new-pc", operator="тест")

    preview = describe_package(context, path)

    assert preview.years == (YearContents(2023, 2, 0), YearContents(2024, 2, 1))
    context.close()


def test_describe_empty_file_rejected(tmp_path):
    empty = tmp_path / "empty.proforient"
    empty.write_bytes(b"")
    context = open_context(tmp_path / "new-pc", operator="тест")

    with pytest.raises(UserError, match="«empty.proforient» отклонён"):
        describe_package(context, empty)
    context.close()


def test_staged_key_keeps_previous(tmp_path):
    previous = load_or_create_key_pair(tmp_path)
    staged = StagedKey(tmp_path)
    assert load_or_create_key_pair(tmp_path).fingerprint == previous.fingerprint

    staged.install()
    assert load_or_create_key_pair(tmp_path).fingerprint == staged.fingerprint
    assert private_key_path(tmp_path).with_suffix(".pem.old").is_file()

    staged.uninstall()
    assert load_or_create_key_pair(tmp_path).fingerprint == previous.fingerprint
    assert not private_key_path(tmp_path).with_suffix(".pem.old").exists()

    staged.discard()
    assert [path.name for path in tmp_path.iterdir()] == ["keys"]
