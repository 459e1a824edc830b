"""Broken and hostile files: each is rejected with a Russian reason and changes no byte of the database."""

from __future__ import annotations

import io
import json
import zipfile

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
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.services.exchange import export_package, import_packages, preview_import
from proforient_desktop.services.exchange_journal import JOURNAL_FILE
from proforient_desktop.services.keys import retire_key

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")

SCHOOL = Sender("2721000001", "МБОУ СОШ № 1 с. Тестовое", "school", MUNICIPALITY)
GOOD_PAYLOAD = json.dumps({"counts": {"2024": {"students_total": 10}}, "activities": [], "warnings": []}).encode()


@pytest.fixture(scope="module")
def setting(tmp_path_factory, backend):
    """A municipality that has accepted package 1 of a school, and that school."""
    root = tmp_path_factory.mktemp("hostile")
    school = install(root, "school", "school", SCHOOL.code, SCHOOL.name, MUNICIPALITY)
    municipality = install(root, "omsu", "municipality", "2720000001", "Управление образования", MUNICIPALITY)
    fill_school(school, 200)
    first = export_package(school, root / "first.proforient")
    second = export_package(school, root / "second.proforient")
    assert import_packages(municipality, [second], trust_new=True).results[0].outcome is Outcome.NEW
    yield {"root": root, "school": school, "municipality": municipality, "first": first, "second": second,
           "key": load_or_create_key_pair(school.data_dir)}
    school.close()
    municipality.close()


def assert_rejected(setting, name: str, data: bytes, *reason_parts: str, trust_new: bool = True):
    path = setting["root"] / name
    path.write_bytes(data)
    before = database_state(setting["municipality"])

    report = import_packages(setting["municipality"], [path], trust_new=trust_new)

    plan = report.results[0]
    assert plan.outcome is Outcome.REJECTED, plan.message
    assert f"«{name}»" in plan.message
    for part in reason_parts:
        assert part in plan.message
    assert database_state(setting["municipality"]) == before
    return plan


def zip_of(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_empty_file(setting):
    assert_rejected(setting, "пустой.proforient", b"", "файл пуст")


def test_not_a_zip(setting):
    assert_rejected(setting, "письмо.proforient", "Добрый день! Высылаем отчёт.".encode(), "не архив ZIP")


def test_truncated_zip(setting):
    data = setting["second"].read_bytes()

    assert_rejected(setting, "обрезан.proforient", data[: len(data) // 2], "повреждён или обрезан")


@pytest.mark.parametrize("member", ["../payload.json", "/etc/passwd", "C:payload.json", "packages\\x.json",
                                    "a/../../b"])
def test_hostile_member_names(setting, member):
    data = zip_of([("manifest.json", b"{}"), (member, b"x")])

    assert_rejected(setting, "имена.proforient", data, "недопустимое имя", member)


def test_duplicate_member_names(setting):
    members = read_members(setting["second"].read_bytes())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("payload.json", GOOD_PAYLOAD)

    assert_rejected(setting, "дубли.proforient", buffer.getvalue(), "встречается в архиве дважды")


def test_member_larger_than_declared(setting):
    payload = json.dumps({"counts": {}, "activities": [], "warnings": [], "pad": "x" * 5000}).encode()
    data = bytearray(forge_package(setting["key"], SCHOOL, 9, payload))
    declared, smaller = len(payload).to_bytes(4, "little"), (100).to_bytes(4, "little")
    # Lower the uncompressed size in the local header and the central directory alike.
    assert data.count(declared) == 2
    data = bytes(data).replace(declared, smaller)

    assert_rejected(setting, "размер.proforient", data, "payload.json", "повреждена")


def test_decompression_bomb(setting):
    data = zip_of([("manifest.json", b"{}"), ("payload.json", bytes(20 * 1024 * 1024))])

    assert_rejected(setting, "бомба.proforient", data, "архивную бомбу")


def test_unknown_member(setting):
    data = rewrite_members(setting["second"].read_bytes(), {})
    data = zip_of([*read_members(data).items(), ("readme.txt", b"hi")])

    assert_rejected(setting, "лишнее.proforient", data, "посторонний файл «readme.txt»")


def test_invalid_json_manifest(setting):
    data = rewrite_members(setting["second"].read_bytes(), {"manifest.json": b"{\"format\": "})

    assert_rejected(setting, "json.proforient", data, "manifest.json", "испорченный JSON")


def test_invalid_json_payload(setting):
    data = forge_package(setting["key"], SCHOOL, 10, b"[1, 2,")

    assert_rejected(setting, "payload.proforient", data, "payload.json", "испорченный JSON")


@pytest.mark.parametrize("value", [-5, "120", 12.5, True, None, 10**12])
def test_wrong_count_values(setting, value):
    payload = json.dumps({"counts": {"2024": {"students_total": value}}, "activities": []}).encode()

    assert_rejected(setting, "значение.proforient", forge_package(setting["key"], SCHOOL, 11, payload),
                    "Чоко", "целым числом от 0")


def test_wrong_section_types(setting):
    payload = json.dumps({"counts": [], "activities": {}}).encode()

    assert_rejected(setting, "типы.proforient", forge_package(setting["key"], SCHOOL, 11, payload),
                    "нет разделов численностей и мероприятий")


def test_unknown_count_code(setting):
    payload = json.dumps({"counts": {"2024": {"students_dead": 1}}, "activities": []}).encode()

    assert_rejected(setting, "код.proforient", forge_package(setting["key"], SCHOOL, 12, payload),
                    "неизвестный код численности «students_dead»", "обновите программу")


def test_unknown_measure_code(setting):
    activity = {"uid": "a1", "measure_code": "9.99", "held_on": "2024-03-01", "title": "Т",
                "participants_total": 5, "participants_sen": 0}
    payload = json.dumps({"counts": {}, "activities": [activity]}).encode()

    assert_rejected(setting, "мера.proforient", forge_package(setting["key"], SCHOOL, 12, payload),
                    "неизвестный код мероприятия программы «9.99»")


def test_participants_sen_above_total(setting):
    activity = {"uid": "a1", "measure_code": "1.01", "held_on": "2024-03-01", "title": "Т",
                "participants_total": 5, "participants_sen": 6}
    payload = json.dumps({"counts": {}, "activities": [activity]}).encode()

    assert_rejected(setting, "овз.proforient", forge_package(setting["key"], SCHOOL, 12, payload),
                    "с ОВЗ (6) больше")


def test_unsupported_format_version(setting):
    data = forge_package(setting["key"], SCHOOL, 13, GOOD_PAYLOAD, format_version=99)

    assert_rejected(setting, "версия.proforient", data, "более новой версией", "Обновите программу")


def test_signature_over_other_bytes(setting):
    data = forge_package(setting["key"], SCHOOL, 14, GOOD_PAYLOAD, sign_other_bytes=True)

    assert_rejected(setting, "подпись.proforient", data, "подпись не совпадает")


def test_unregistered_key_of_known_school(setting, tmp_path):
    stranger = load_or_create_key_pair(tmp_path / "stranger")

    assert_rejected(setting, "чужой.proforient", forge_package(stranger, SCHOOL, 15, GOOD_PAYLOAD),
                    "а зарегистрирован ключ", "замените ключ")


def test_unregistered_key_of_new_school(setting, tmp_path):
    stranger = load_or_create_key_pair(tmp_path / "stranger")
    sender = Sender("2721000077", "МБОУ ООШ № 7", "school", MUNICIPALITY)

    plan = assert_rejected(setting, "новая.proforient", forge_package(stranger, sender, 1, GOOD_PAYLOAD),
                           "ещё не зарегистрирован", stranger.fingerprint, trust_new=False)

    assert plan.sender.code == "2721000077"


def test_preview_of_unregistered_key_says_it_will_be_rejected(setting, tmp_path):
    stranger = load_or_create_key_pair(tmp_path / "stranger")
    sender = Sender("2721000078", "МБОУ ООШ № 8", "school", MUNICIPALITY)
    path = setting["root"] / "впервые.proforient"
    path.write_bytes(forge_package(stranger, sender, 1, GOOD_PAYLOAD))
    before = database_state(setting["municipality"])

    plan = preview_import(setting["municipality"], [path])[0]

    assert plan.needs_trust
    assert "пакет будет отклонён, если не подтвердить ключ" in plan.message
    assert stranger.fingerprint in plan.message
    assert database_state(setting["municipality"]) == before


def test_reused_sequence_number_is_rejected(setting):
    # Package 2 of the school is imported; this one is also numbered 2 but carries other data.
    data = forge_package(setting["key"], SCHOOL, 2, GOOD_PAYLOAD)
    path = setting["root"] / "тот-же-номер.proforient"
    path.write_bytes(data)

    preview = preview_import(setting["municipality"], [path])[0]
    plan = assert_rejected(setting, path.name, data, "пакет № 2", "под тем же номером другие данные",
                           "с номером больше 2")

    assert preview.outcome is Outcome.REJECTED
    assert preview.message == plan.message
    journal = (setting["municipality"].data_dir / JOURNAL_FILE).read_text(encoding="utf-8")
    assert "под тем же номером" in journal


def test_key_registered_to_another_organisation(setting):
    other = Sender("2721000002", "МБОУ СОШ № 2", "school", MUNICIPALITY)

    assert_rejected(setting, "подмена.proforient", forge_package(setting["key"], other, 1, GOOD_PAYLOAD),
                    "зарегистрирован за другой организацией", SCHOOL.name)


def test_school_of_another_municipality(setting, tmp_path):
    stranger = load_or_create_key_pair(tmp_path / "stranger")
    sender = Sender("2721000088", "МБОУ СОШ г. Амурск", "school", OTHER_MUNICIPALITY)

    assert_rejected(setting, "амурск.proforient", forge_package(stranger, sender, 1, GOOD_PAYLOAD),
                    "другому муниципальному образованию (Амурский)")


def test_college_goes_to_region(setting, tmp_path):
    stranger = load_or_create_key_pair(tmp_path / "stranger")
    sender = Sender("2722000001", "КГБ ПОУ ХТК", "college", None)

    assert_rejected(setting, "колледж.proforient", forge_package(stranger, sender, 1, GOOD_PAYLOAD),
                    "такие пакеты не принимает")


def test_replayed_older_package(setting):
    before = database_state(setting["municipality"])

    report = import_packages(setting["municipality"], [setting["first"]])

    assert report.results[0].outcome is Outcome.OLDER
    assert "более старый пакет № 1 (загружен № 2)" in report.results[0].message
    assert database_state(setting["municipality"]) == before


@pytest.mark.parametrize("member", ["manifest.json", "manifest.sig", "payload.json"])
def test_tampered_member(setting, member):
    data = setting["second"].read_bytes()
    original = read_members(data)[member]
    if member == "manifest.json":
        changed = original.replace(b'"sequence": 2', b'"sequence": 3')
    elif member == "manifest.sig":
        changed = bytes([original[0] ^ 1]) + original[1:]
    else:
        changed = original.replace(b'"students_total":200', b'"students_total":900')
    assert changed != original

    assert_rejected(setting, "изменён.proforient", rewrite_members(data, {member: changed}),
                    "после подписания")


def test_removed_member(setting):
    data = rewrite_members(setting["second"].read_bytes(), {"payload.json": None})

    assert_rejected(setting, "без данных.proforient", data, "не совпадает с описанием пакета")


def test_data_appended_after_archive(setting):
    data = setting["second"].read_bytes() + b"PK\x05\x06" + bytes(18)

    assert_rejected(setting, "хвост.proforient", data, "оглавление архива не на своём месте")


def test_archive_end_cut_off(setting):
    data = setting["second"].read_bytes()

    assert_rejected(setting, "конец.proforient", data[:-10], "нет завершающей записи архива")


def test_retired_key(setting):
    # Last: retiring the key changes the registry for the tests after it.
    retire_key(setting["municipality"], SCHOOL.code, "утерян ноутбук")
    data = forge_package(setting["key"], SCHOOL, 20, GOOD_PAYLOAD)

    assert_rejected(setting, "выведен.proforient", data, "выведен из употребления (утерян ноутбук)")


def test_import_restores_sqlite_cache_size(setting):
    municipality = setting["municipality"]
    if not municipality.database.is_sqlite:
        pytest.skip("the page cache setting is SQLite's")

    def cache_size():
        with municipality.database.transaction() as session:
            return session.connection().exec_driver_sql("PRAGMA cache_size").scalar()

    before = cache_size()
    import_packages(municipality, [setting["second"]])

    assert cache_size() == before
