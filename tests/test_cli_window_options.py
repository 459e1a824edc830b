"""The window's own options, read without argparse before the first paint."""

from __future__ import annotations

import argparse

import pytest

from proforient_desktop.cli import _window_only_options


@pytest.mark.parametrize("argv, data_dir, database_url", [
    ([], None, None),
    (["--data-dir", "папка"], "папка", None),
    (["--data-dir=папка"], "папка", None),
    (["--database-url", "postgresql://сервер/база", "--data-dir", "d"], "d", "postgresql://сервер/база"),
    (["--data-dir=", "--database-url=u"], "", "u"),
    (["--data-dir", "a", "--data-dir", "b"], "b", None),
])
def test_window_options_read(argv, data_dir, database_url):
    assert _window_only_options(argv) == argparse.Namespace(data_dir=data_dir, database_url=database_url)


@pytest.mark.parametrize("argv", [
    ["--data-dir"],
    ["--data-dir", "--database-url", "u"],
    ["--data-dir", "-папка"],
    ["--data", "папка"],
    ["--self-check"],
    ["--version"],
    ["counts", "--data-dir", "папка"],
    ["--data-dir", "папка", "report"],
])
def test_other_arguments_go_to_full_parser(argv):
    assert _window_only_options(argv) is None
