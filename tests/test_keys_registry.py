"""The trust registry: key cards, registering, replacing and retiring keys."""

from __future__ import annotations

import json

import pytest

from exchange_support import MUNICIPALITY, OTHER_MUNICIPALITY, database_state, install
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.keys import (
    export_key_card,
    list_trusted_keys,
    own_key,
    read_key_card,
    replace_key,
    retire_key,
    trust_key_card,
)


@pytest.fixture
def registry(tmp_path):
    contexts = {
        "school": install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY),
        "far_school": install(tmp_path, "far", "school", "2721000088", "МБОУ СОШ г. Амурск", OTHER_MUNICIPALITY),
        "municipality": install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования",
                                MUNICIPALITY),
    }
    yield contexts
    for context in contexts.values():
        context.close()


def test_key_card_round_trip(registry, tmp_path):
    path = export_key_card(registry["school"], tmp_path / "card.key.json")

    card = read_key_card(path)

    assert card.sender.code == "2721000001"
    assert card.fingerprint == own_key(registry["school"]).fingerprint


def test_trust_card_registers_organisation(registry, tmp_path):
    card = export_key_card(registry["school"], tmp_path / "card.key.json")

    key = trust_key_card(registry["municipality"], card)

    assert key.organisation_code == "2721000001"
    assert key.registered_via == "key_card"
    assert [row.fingerprint for row in list_trusted_keys(registry["municipality"])] == [key.fingerprint]


def test_trust_card_twice_rejected(registry, tmp_path):
    card = export_key_card(registry["school"], tmp_path / "card.key.json")
    trust_key_card(registry["municipality"], card)

    with pytest.raises(InvalidInputError, match="уже зарегистрирован"):
        trust_key_card(registry["municipality"], card)


def test_damaged_card_rejected(registry, tmp_path):
    path = export_key_card(registry["school"], tmp_path / "card.key.json")
    card = json.loads(path.read_text(encoding="utf-8"))
    card["organisation"]["code"] = "2721000002"
    path.write_text(json.dumps(card), encoding="utf-8")
    before = database_state(registry["municipality"])

    with pytest.raises(InvalidInputError, match="card.key.json.*подпись не совпадает"):
        trust_key_card(registry["municipality"], path)

    assert database_state(registry["municipality"]) == before


def test_card_of_other_municipality_rejected(registry, tmp_path):
    card = export_key_card(registry["far_school"], tmp_path / "far.key.json")

    with pytest.raises(InvalidInputError, match="другому муниципальному образованию"):
        trust_key_card(registry["municipality"], card)


def test_replace_requires_reason(registry, tmp_path):
    trust_key_card(registry["municipality"], export_key_card(registry["school"], tmp_path / "a.key.json"))

    with pytest.raises(InvalidInputError, match="Укажите причину"):
        replace_key(registry["municipality"], "2721000001", tmp_path / "a.key.json", "  ")


def test_replace_card_of_other_organisation_rejected(registry, tmp_path):
    trust_key_card(registry["municipality"], export_key_card(registry["school"], tmp_path / "a.key.json"))
    other = export_key_card(registry["far_school"], tmp_path / "far.key.json")

    with pytest.raises(InvalidInputError, match="2721000088, а не 2721000001"):
        replace_key(registry["municipality"], "2721000001", other, "ошибка")


def test_retire_then_trust_old_key_rejected(registry, tmp_path):
    card = export_key_card(registry["school"], tmp_path / "a.key.json")
    trust_key_card(registry["municipality"], card)

    retired = retire_key(registry["municipality"], "2721000001", "утерян ноутбук")

    assert retired[0].retired_reason == "утерян ноутбук"
    with pytest.raises(InvalidInputError, match="выведен из употребления"):
        trust_key_card(registry["municipality"], card)
    with pytest.raises(InvalidInputError, match="нет действующих ключей"):
        retire_key(registry["municipality"], "2721000001", "ещё раз")


def test_retire_unknown_organisation(registry):
    with pytest.raises(InvalidInputError, match="не найдена"):
        retire_key(registry["municipality"], "0000000000", "нет такой")
