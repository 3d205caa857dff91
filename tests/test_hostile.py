"""The hostile-input corpus (tests/hostile.py) through the command line.

For every case: the exit code and the message, no traceback, and what became
of the files. A refused build leaves the output folder and the report byte for
byte as they were; an accepted one replaces the output with one whole set, the
files its record lists. Neither touches anything else but the build's cache.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import tree
from hostile import CASES
from report_pdf.cache import STATE_FILE
from report_pdf.cli import main

BOUND = 60  # seconds; a case takes one to three


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_hostile_input_is_refused_or_built_whole(project, capsys, time_bound, case):
    ours = json.loads((project / "out" / STATE_FILE).read_text(encoding="utf-8"))["files"]
    case.change(project)
    output_before = tree(project / "out")
    others_before = others(project)
    capsys.readouterr()
    time_bound(BOUND)
    code = main(list(case.arguments))
    out, err = capsys.readouterr()
    assert code == case.exit_code, err
    assert case.message in out + err
    assert "Traceback" not in out + err
    assert others(project) == others_before  # the report, and everything beside the output
    if code:
        if case.arguments[0] == "build":
            assert err.rstrip().endswith("the output was left as it was")
        assert tree(project / "out") == output_before
    else:
        record = json.loads((project / "out" / STATE_FILE).read_text(encoding="utf-8"))
        after = tree(project / "out")
        assert {name: after.get(name) for name in record["files"]} == record["files"]
        theirs = {name: digest for name, digest in output_before.items()  # not ours to touch
                  if name not in ours and not name.startswith(".")}
        assert {name: after.get(name) for name in theirs} == theirs


def others(project) -> dict[str, str]:
    return {name: digest for name, digest in tree(project).items()
            if not name.startswith(("out/", "build/.cache/"))}


def test_the_corpus_covers_every_category_with_60_cases_or_more():
    counts = Counter(case.category for case in CASES)
    assert len(CASES) >= 60
    assert set(counts) == {"encoding", "yaml", "markup", "numbers", "paths", "sizes"}
    assert min(counts.values()) >= 8
    assert len({case.id for case in CASES}) == len(CASES)
