"""The command line's progress: a bar on a terminal, plain lines in a log."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from maturity import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar():
    out = Terminal()
    with progress.command_progress(out, "big.jsonl", delay=0) as report:
        report(50 * 1024 * 1024, 200 * 1024 * 1024)
        report(200 * 1024 * 1024, 200 * 1024 * 1024)
    shown = out.getvalue()
    assert "big.jsonl" in shown and "\r" in shown
    assert "/200M" in shown  # the size is known: a bar, not a count


def test_a_log_gets_a_plain_line_for_each_tenth_read():
    out = io.StringIO()
    with progress.command_progress(out, "big.jsonl", quiet=0) as report:
        for done in range(0, 101, 5):
            report(done * 1024 * 1024, 100 * 1024 * 1024)
    lines = out.getvalue().splitlines()
    assert lines[0] == "big.jsonl: 10% read (10.0 MB of 100.0 MB)"
    assert lines[-1] == "big.jsonl: 100% read (100.0 MB of 100.0 MB)"
    assert len(lines) == 10 and "\r" not in out.getvalue()


def test_a_quick_import_prints_no_progress(db, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"ocid": "ocds-1", "id": "1", "date": "2025-05-01T00:00:00Z"}))
    out, err = io.StringIO(), io.StringIO()
    call_command("evidence", "import-ocds", str(path), stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "1 of 1 file imported" in out.getvalue()
