"""The catalogue loads, validates its files and reports the seed's contradictions."""

from __future__ import annotations

import shutil

import pytest

from proforient_desktop.catalog import Role, find_inconsistencies, load_catalog
from proforient_desktop.catalog.loader import default_catalog_dir
from proforient_desktop.errors import CatalogError


def test_catalog_sizes(catalog):
    assert catalog.version >= 1
    assert len([i for i in catalog.indicators if i.startswith("P")]) == 18
    assert {"M7", "M8", "M9", "M12"} <= set(catalog.indicators)
    assert len(catalog.measures) == 59
    assert len(catalog.measure_groups) == 4
    assert len(catalog.municipalities) == 19


def test_indicator_formula_counts_exist(catalog):
    for indicator in catalog.indicators.values():
        assert indicator.numerator in catalog.counts
        if indicator.unit == "%":
            assert indicator.denominator in catalog.counts
        else:
            assert indicator.denominator is None


def test_competitions_is_count_in_units(catalog):
    m12 = catalog.indicators["M12"]
    assert m12.unit == "ед."
    assert not m12.is_share
    assert catalog.counts["competitions"].unit == "ед."


def test_p14_above_p13_is_reported(catalog):
    findings = [f for f in find_inconsistencies(catalog) if f.kind == "target_exceeds_containing_target"]
    subjects = {f.subject for f in findings}
    assert subjects == {"P14/P13/2022", "P14/P13/2023", "P14/P13/2024"}
    assert "П14" in findings[0].message
    assert "П13" in findings[0].message


def test_kept_contradictory_targets(catalog):
    assert catalog.indicators["P14"].targets == {2022: 50.0, 2023: 60.0, 2024: 70.0}
    assert catalog.indicators["P13"].targets == {2022: 30.0, 2023: 40.0, 2024: 50.0}


def test_official_statistics_need_all(catalog):
    for code in ("P5", "P15", "P18"):
        assert catalog.indicators[code].collection_method.value == "official_statistics"
        assert catalog.indicators[code].min_sample_percent == 100
    assert catalog.indicators["P1"].min_sample_percent == 90


def test_measures_for_roles(catalog):
    school = {m.code for m in catalog.measures_for(Role.SCHOOL)}
    college = {m.code for m in catalog.measures_for(Role.COLLEGE)}
    assert "1.01" in school
    assert "4.03" in college
    assert "4.03" not in school
    assert all("school" in catalog.measures[code].executors for code in school)


def test_school_counts_cover_tracks_1_2(catalog):
    school = {count.code for count in catalog.counts_for(Role.SCHOOL)}
    for indicator in catalog.indicators.values():
        if indicator.track in (1, 2) and indicator.code.startswith("P"):
            assert indicator.numerator in school


def test_later_targets_are_data(tmp_path):
    directory = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), directory)
    path = directory / "indicators.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2024 = 12 }", "2024 = 12, 2025 = 14 }", 1), encoding="utf-8")

    assert load_catalog(directory).indicators["P1"].targets[2025] == 14.0


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('numerator = "ticket_to_future_participants"', 'numerator = "no_such_count"', "numerator"),
        ("2022 = 7,", '2022 = "семь",', "targets"),
        ('code = "1.01"', 'code = "first"', "code"),
    ],
)
def test_invalid_catalog_names_field(tmp_path, old, new, expected):
    directory = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), directory)
    for path in directory.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            break
    else:
        pytest.fail(f"{old!r} not found in the catalogue")

    with pytest.raises(CatalogError) as error:
        load_catalog(directory)
    assert f"«{expected}»" in error.value.message


def test_broken_toml_is_reported(tmp_path):
    directory = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), directory)
    (directory / "counts.toml").write_text("[[count]\ncode = ", encoding="utf-8")

    with pytest.raises(CatalogError) as error:
        load_catalog(directory)
    assert "counts.toml" in error.value.message
