"""The command line fails in one line that says what to do, never with a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from social_commerce.cli import main
from social_commerce.contract import RAW_ENTITIES


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "social_commerce", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["generate", "--scale", "abc"], "--scale must be a number"),
        (["generate", "--scale", "0"], "--scale must be between"),
        (["generate", "--scale", "-3"], "--scale must be between"),
        (["generate", "--seed", "x"], "--seed must be an integer"),
        (["nonsense"], "invalid choice"),
        (["check-raw", "--raw", "/nonexistent/raw"], "run `make build`"),
    ],
)
def test_user_errors_are_one_line_without_traceback(args: list[str], expected: str) -> None:
    result = _run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_check_raw_names_the_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for entity in RAW_ENTITIES:
        folder = tmp_path / entity.source
        folder.mkdir(exist_ok=True)
        (folder / entity.pattern.replace("*", "20251101")).write_text("")
    assert main(["check-raw", "--raw", str(tmp_path)]) == 0
    (tmp_path / "shopify" / "orders.jsonl").unlink()
    assert main(["check-raw", "--raw", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "shopify/orders.jsonl is missing" in err[0]


def test_generate_refuses_an_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = _run("generate", "--scale", "0.01", "--out", str(blocker / "raw"), "--quiet")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_generate_never_overwrites_real_exports(tmp_path: Path) -> None:
    exports = tmp_path / "raw"
    (exports / "shopify").mkdir(parents=True)
    (exports / "shopify" / "orders.jsonl").write_text('{"id": 1}\n')
    result = _run("generate", "--scale", "0.01", "--out", str(exports), "--quiet")
    assert result.returncode == 2
    assert "not overwriting" in result.stderr
    assert (exports / "shopify" / "orders.jsonl").read_text() == '{"id": 1}\n'
