"""The run-store key follows the code: a changed rule must never be served an old result."""

from __future__ import annotations

from pathlib import Path

import pytest

from inburgering import fingerprint
from inburgering.compare import request as request_module
from inburgering.compare.request import CompareRequest


def _fingerprint_of(root: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(fingerprint, "PACKAGE", root)
    fingerprint.code_fingerprint.cache_clear()
    try:
        return fingerprint.code_fingerprint()
    finally:
        fingerprint.code_fingerprint.cache_clear()


def test_the_fingerprint_changes_with_any_source_and_only_then(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules").mkdir()
    rule = tmp_path / "rules" / "termijn.py"
    rule.write_text("WEKEN = 10\n")
    (tmp_path / "notes.txt").write_text("not code")
    first = _fingerprint_of(tmp_path, monkeypatch)
    assert first == _fingerprint_of(tmp_path, monkeypatch)
    (tmp_path / "notes.txt").write_text("still not code")
    assert _fingerprint_of(tmp_path, monkeypatch) == first
    rule.write_text("WEKEN = 12\n")
    changed = _fingerprint_of(tmp_path, monkeypatch)
    assert changed != first
    rule.rename(tmp_path / "rules" / "plicht.py")  # same content, other module
    assert _fingerprint_of(tmp_path, monkeypatch) not in (first, changed)


def test_the_run_key_holds_the_code_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    request = CompareRequest(draws=2, scale=0.01)
    key = request.key()
    assert request.key() == key
    monkeypatch.setattr(request_module, "code_fingerprint", lambda: "0.1.0+000000000000")
    assert request.key() != key


def test_the_fingerprint_changes_with_the_law_s_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A parameter file changed on a worker makes it another code: its tables are not this machine's."""
    (tmp_path / "law" / "parameters").mkdir(parents=True)
    data = tmp_path / "law" / "parameters" / "asiel.yaml"
    data.write_text("brp_wachttijd: 6\n")
    before = _fingerprint_of(tmp_path, monkeypatch)
    data.write_text("brp_wachttijd: 3\n")
    assert _fingerprint_of(tmp_path, monkeypatch) != before
