"""The installation key pair: creation, file permissions, signatures, fingerprints."""

from __future__ import annotations

import os
import re
import stat
import sys

import pytest

from proforient_desktop.exchange.keys import (
    KeyFileError,
    create_new_key_pair,
    fingerprint,
    load_or_create_key_pair,
    private_key_path,
    verify_signature,
)


def test_key_pair_created_once(tmp_path):
    first = load_or_create_key_pair(tmp_path)
    second = load_or_create_key_pair(tmp_path)

    assert len(first.public_key_bytes) == 32
    assert first.public_key_bytes == second.public_key_bytes


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_private_key_owner_only(tmp_path):
    load_or_create_key_pair(tmp_path)

    mode = stat.S_IMODE(os.stat(private_key_path(tmp_path)).st_mode)

    assert mode == 0o600


def test_signature_verifies_exact_bytes(tmp_path):
    key_pair = load_or_create_key_pair(tmp_path)
    signature = key_pair.sign(b"manifest")

    assert verify_signature(key_pair.public_key_bytes, signature, b"manifest")
    assert not verify_signature(key_pair.public_key_bytes, signature, b"manifest ")
    assert not verify_signature(key_pair.public_key_bytes, signature[:-1], b"manifest")
    assert not verify_signature(b"\x00" * 32, signature, b"manifest")


def test_fingerprint_is_six_digit_groups(tmp_path):
    key_pair = load_or_create_key_pair(tmp_path)

    assert re.fullmatch(r"\d{5}( \d{5}){5}", key_pair.fingerprint)
    assert key_pair.fingerprint == fingerprint(key_pair.public_key_bytes)
    assert fingerprint(b"\x01" * 32) != fingerprint(b"\x02" * 32)


def test_new_key_pair_replaces_old(tmp_path):
    old = load_or_create_key_pair(tmp_path)

    new = create_new_key_pair(tmp_path)

    assert new.public_key_bytes != old.public_key_bytes
    assert load_or_create_key_pair(tmp_path).public_key_bytes == new.public_key_bytes


def test_key_pair_repr_hides_private_key(tmp_path):
    key_pair = load_or_create_key_pair(tmp_path)

    assert "PRIVATE" not in repr(key_pair)
    assert key_pair.fingerprint in repr(key_pair)


def test_damaged_key_file_reported(tmp_path):
    load_or_create_key_pair(tmp_path)
    private_key_path(tmp_path).write_bytes(b"-----BEGIN PRIVATE KEY-----\ngarbage\n")

    with pytest.raises(KeyFileError, match="повреждён или недоступен"):
        load_or_create_key_pair(tmp_path)
