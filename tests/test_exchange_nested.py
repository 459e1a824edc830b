"""Up the chain: the region checks every school signature inside a municipal package."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from exchange_support import (
    MUNICIPALITY,
    OTHER_MUNICIPALITY,
    database_state,
    fill_school,
    forge_package,
    install,
    read_members,
    rewrite_members,
)
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender, sha256_hex
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.exchange.package import AcceptedKey, build_package
from proforient_desktop.exchange.payload import Snapshot
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.exchange import export_package, import_packages, preview_import
from proforient_desktop.services.exchange_journal import JOURNAL_FILE
from proforient_desktop.services.exchange_restore import restore_from_package
from proforient_desktop.services.keys import list_trusted_keys, replace_key, trust_key_card, export_key_card

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")

OMSU = Sender("2720000001", "Управление образования", "municipality", MUNICIPALITY)


@pytest.fixture
def chain(tmp_path):
    contexts = {
        "school": install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY),
        "municipality": install(tmp_path, "omsu", "municipality", OMSU.code, OMSU.name, MUNICIPALITY),
        "region": install(tmp_path, "region", "region", "2700000001", "Министерство"),
    }
    fill_school(contexts["school"], 300)
    school_file = export_package(contexts["school"], tmp_path / "school.proforient")
    import_packages(contexts["municipality"], [school_file], trust_new=True)
    contexts["school_file"] = school_file
    contexts["omsu_file"] = export_package(contexts["municipality"], tmp_path / "omsu.proforient")
    contexts["omsu_key"] = load_or_create_key_pair(contexts["municipality"].data_dir)
    contexts["school_key"] = load_or_create_key_pair(contexts["school"].data_dir)
    # The region registered the municipality's key in advance, from its key card.
    trust_key_card(contexts["region"], export_key_card(contexts["municipality"], tmp_path / "omsu.key.json"))
    yield contexts
    for name in ("school", "municipality", "region"):
        contexts[name].close()


def import_rejected(context, path, data, *parts):
    path.write_bytes(data)
    before = database_state(context)

    plan = import_packages(context, [path]).results[0]

    assert plan.outcome is Outcome.REJECTED, plan.message
    assert f"«{path.name}»" in plan.message
    for part in parts:
        assert part in plan.message
    assert database_state(context) == before


def resigned_municipal_package(chain, school_package: bytes, vouched_key: bytes | None = None) -> bytes:
    """What a dishonest municipality could build: its own valid signature over an altered school package."""
    key = AcceptedKey("2721000001", vouched_key or chain["school_key"].public_key_bytes)
    return build_package(key_pair=chain["omsu_key"], catalog=chain["region"].catalog, sender=OMSU, sequence=50,
                         snapshot=Snapshot(), nested=[school_package], accepted_keys=(key,))


def test_altered_school_figure_rejected(chain, tmp_path):
    school = chain["school_file"].read_bytes()
    payload = read_members(school)["payload.json"]
    altered = rewrite_members(school, {"payload.json": payload.replace(b'"students_total":300',
                                                                       b'"students_total":390')})

    import_rejected(chain["region"], tmp_path / "омсу-1.proforient", resigned_municipal_package(chain, altered),
                    "вложенный пакет", "изменена после подписания")


def test_altered_school_figure_with_rehashed_manifest_rejected(chain, tmp_path):
    school = chain["school_file"].read_bytes()
    members = read_members(school)
    payload = members["payload.json"].replace(b'"students_total":300', b'"students_total":390')
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["payload.json"]["sha256"] = sha256_hex(payload)
    altered = rewrite_members(school, {"payload.json": payload,
                                       "manifest.json": json.dumps(manifest, indent=1).encode()})

    import_rejected(chain["region"], tmp_path / "омсу-2.proforient", resigned_municipal_package(chain, altered),
                    "вложенный пакет", "подпись не совпадает")


def test_school_package_by_unvouched_key_rejected(chain, tmp_path):
    forged = forge_package(load_or_create_key_pair(tmp_path / "forger"), Sender(
        "2721000001", "МБОУ СОШ № 1", "school", MUNICIPALITY), 9, b'{"counts": {}, "activities": []}')

    import_rejected(chain["region"], tmp_path / "омсу-3.proforient", resigned_municipal_package(chain, forged),
                    "муниципалитет не подтвердил")


def test_nested_school_of_other_municipality_rejected(chain, tmp_path):
    stranger = load_or_create_key_pair(tmp_path / "stranger")
    sender = Sender("2721000088", "МБОУ СОШ г. Амурск", "school", OTHER_MUNICIPALITY)
    nested = forge_package(stranger, sender, 1, b'{"counts": {}, "activities": []}')
    data = build_package(key_pair=chain["omsu_key"], catalog=chain["region"].catalog, sender=OMSU, sequence=51,
                         snapshot=Snapshot(), nested=[nested],
                         accepted_keys=(AcceptedKey(sender.code, stranger.public_key_bytes),))

    import_rejected(chain["region"], tmp_path / "омсу-4.proforient", data, "другому муниципальному образованию")


@pytest.mark.parametrize("member", ["manifest.json", "payload.json", "accepted_keys.json", "nested"])
def test_tampered_municipal_member(chain, tmp_path, member):
    data = chain["omsu_file"].read_bytes()
    members = read_members(data)
    name = next(name for name in members if name.startswith("packages/")) if member == "nested" else member
    # One trailing space: still valid JSON, but no longer the bytes that were signed and hashed.
    changed = members[name] + b" "

    import_rejected(chain["region"], tmp_path / "омсу-5.proforient", rewrite_members(data, {name: changed}))


def test_region_accepts_key_change_vouched_by_municipality(chain, tmp_path):
    assert import_packages(chain["region"], [chain["omsu_file"]]).results[0].outcome is Outcome.NEW
    new_pc = install(tmp_path, "school-new", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    new_pc.close()
    from proforient_desktop.services.context import open_context
    new_pc = open_context(tmp_path / "school-new")
    restore_from_package(new_pc, chain["school_file"])
    set_counts(new_pc, 2024, {"students_total": 333})
    second = export_package(new_pc, tmp_path / "school-2.proforient")
    replace_key(chain["municipality"], "2721000001", second, "новый компьютер")
    assert import_packages(chain["municipality"], [second]).results[0].outcome is Outcome.REPLACES
    omsu_second = export_package(chain["municipality"], tmp_path / "omsu-2.proforient")

    plan = import_packages(chain["region"], [omsu_second]).results[0]

    assert plan.outcome is Outcome.REPLACES
    assert plan.nested[0].outcome is Outcome.REPLACES
    assert get_counts(chain["region"], 2024, org_code="2721000001")["students_total"] == 333
    keys = [key for key in list_trusted_keys(chain["region"]) if key.organisation_code == "2721000001"]
    assert [key.retired_at is None for key in keys] == [False, True]
    new_pc.close()


def test_region_rejects_vouched_change_of_key_it_registered(chain, tmp_path):
    new_region = install(tmp_path, "region2", "region", "2700000001", "Министерство")
    trust_key_card(new_region, export_key_card(chain["municipality"], tmp_path / "omsu.key.json"))
    card = export_key_card(chain["school"], tmp_path / "school.key.json")
    trust_key_card(new_region, card)
    forged_school = forge_package(load_or_create_key_pair(tmp_path / "forger"), Sender(
        "2721000001", "МБОУ СОШ № 1", "school", MUNICIPALITY), 9, b'{"counts": {}, "activities": []}')
    data = build_package(key_pair=chain["omsu_key"], catalog=new_region.catalog, sender=OMSU, sequence=52,
                         snapshot=Snapshot(), nested=[forged_school],
                         accepted_keys=(AcceptedKey("2721000001", read_forger_key(tmp_path)),))

    import_rejected(new_region, tmp_path / "омсу-6.proforient", data, "а в этой установке для неё зарегистрирован")
    new_region.close()


def read_forger_key(tmp_path) -> bytes:
    return load_or_create_key_pair(tmp_path / "forger").public_key_bytes


def clock_at(year: int):
    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(year, 1, 1, tzinfo=tz)
    return Clock


def test_clock_set_backwards_on_sender(chain, tmp_path, monkeypatch):
    monkeypatch.setattr("proforient_desktop.exchange.manifest.dt.datetime", clock_at(2030))
    set_counts(chain["school"], 2024, {"students_total": 301})
    earlier = export_package(chain["school"], tmp_path / "dated-2030.proforient")
    monkeypatch.setattr("proforient_desktop.exchange.manifest.dt.datetime", clock_at(2001))
    set_counts(chain["school"], 2024, {"students_total": 302})
    later = export_package(chain["school"], tmp_path / "dated-2001.proforient")
    monkeypatch.undo()
    assert "2001-01-01" in read_members(later.read_bytes())["manifest.json"].decode()

    plan = import_packages(chain["municipality"], [later]).results[0]
    replay = import_packages(chain["municipality"], [earlier]).results[0]

    assert plan.outcome is Outcome.REPLACES
    assert replay.outcome is Outcome.OLDER
    assert get_counts(chain["municipality"], 2024, org_code="2721000001")["students_total"] == 302


def test_reimport_everything_twice_at_region(chain, tmp_path):
    # The school's own file is rejected at the region: its data comes inside the municipal package.
    files = [chain["omsu_file"], chain["school_file"]]
    import_packages(chain["region"], files)
    before = database_state(chain["region"])

    for _ in range(2):
        report = import_packages(chain["region"], files)
        assert [plan.outcome for plan in report.results] == [Outcome.ALREADY_IMPORTED, Outcome.REJECTED]

    assert database_state(chain["region"]) == before


def newer_school_package(chain, tmp_path, students: int):
    set_counts(chain["school"], 2024, {"students_total": students})
    return export_package(chain["school"], tmp_path / f"school-{students}.proforient")


def assert_municipal_school_rejected(plan):
    assert plan.outcome is Outcome.REJECTED
    assert "«МБОУ СОШ № 1»" in plan.message
    assert "муниципальному образованию «Хабаровский»" in plan.message
    assert "только в пакете ОМСУ «Управление образования»" in plan.message


def test_region_rejects_municipal_school_sent_directly(chain, tmp_path):
    import_packages(chain["region"], [chain["omsu_file"]])
    direct = newer_school_package(chain, tmp_path, 777)
    before = database_state(chain["region"])

    preview = preview_import(chain["region"], [direct])[0]
    plan = import_packages(chain["region"], [direct], trust_new=True).results[0]

    assert_municipal_school_rejected(preview)
    assert_municipal_school_rejected(plan)
    assert database_state(chain["region"]) == before
    assert get_counts(chain["region"], 2024, org_code="2721000001")["students_total"] == 310


def test_region_accepts_school_before_municipality_claims_it(chain, tmp_path):
    # Until a municipal package brings the school, the region takes it for a school under the ministry.
    first = import_packages(chain["region"], [chain["school_file"]], trust_new=True).results[0]
    assert first.outcome is Outcome.NEW
    import_packages(chain["region"], [chain["omsu_file"]])
    direct = newer_school_package(chain, tmp_path, 778)

    plan = import_packages(chain["region"], [direct]).results[0]

    assert_municipal_school_rejected(plan)
    assert get_counts(chain["region"], 2024, org_code="2721000001")["students_total"] == 310


def test_region_accepts_newer_school_data_through_municipality(chain, tmp_path):
    import_packages(chain["region"], [chain["omsu_file"]])
    direct = newer_school_package(chain, tmp_path, 779)
    import_packages(chain["municipality"], [direct])
    omsu_second = export_package(chain["municipality"], tmp_path / "omsu-2.proforient")

    plan = import_packages(chain["region"], [omsu_second]).results[0]

    assert plan.nested[0].outcome is Outcome.REPLACES
    assert get_counts(chain["region"], 2024, org_code="2721000001")["students_total"] == 779


def test_nested_reused_number_rejects_only_that_school(chain, tmp_path):
    import_packages(chain["region"], [chain["omsu_file"]])
    payload = json.dumps({"counts": {"2024": {"students_total": 5}}, "activities": [], "warnings": []}).encode()
    school = Sender("2721000001", "МБОУ СОШ № 1", "school", MUNICIPALITY)
    # The school's package № 1 with other data than the № 1 the region already has.
    reused = forge_package(chain["school_key"], school, 1, payload)
    path = tmp_path / "omsu-50.proforient"
    path.write_bytes(resigned_municipal_package(chain, reused))

    plan = import_packages(chain["region"], [path]).results[0]

    assert plan.outcome is Outcome.REPLACES
    assert plan.nested[0].outcome is Outcome.REJECTED
    assert "под тем же номером другие данные" in plan.nested[0].message
    assert get_counts(chain["region"], 2024, org_code="2721000001")["students_total"] == 310
    journal = (chain["region"].data_dir / JOURNAL_FILE).read_text(encoding="utf-8")
    assert "вложенный пакет не загружается" in journal
