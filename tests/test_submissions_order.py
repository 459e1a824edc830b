"""``proforient submissions`` and the service behind it list names in natural order."""

from __future__ import annotations

from exchange_support import MUNICIPALITY, install
from proforient_desktop.cli import main
from proforient_desktop.services.directory import add_organisation
from proforient_desktop.services.submissions import list_submissions


def test_submissions_list_names_in_natural_order(tmp_path, capsys):
    context = install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования", MUNICIPALITY)
    for code, name in (("2721000010", "Школа № 10"), ("2721000002", "Школа № 2"), ("2721000019", "Школа № 19")):
        add_organisation(context, code, name, "school", MUNICIPALITY)
    names = [row.organisation_name for row in list_submissions(context)]
    context.close()

    assert main(["--data-dir", str(tmp_path / "omsu"), "submissions"]) == 0
    printed = capsys.readouterr().out

    assert names == ["Школа № 2", "Школа № 10", "Школа № 19"]
    assert printed.index("Школа № 2 ") < printed.index("Школа № 10") < printed.index("Школа № 19")
