"""score-intent / score-sentiment end to end on temporary CSV files, and their error lines."""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl
import pytest

from social_commerce.errors import UserError
from social_commerce.text.cli import register_text_commands


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="social-commerce")
    register_text_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.fixture(autouse=True)
def _model_cache(tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("SCW_MODEL_CACHE", str(tmp_path_factory.getbasetemp() / "model-cache"))


def test_score_intent_keeps_columns(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text('id,body,likes\n1,"where is this from??",3\n2,"just ordered 2 😍",0\n')
    out = tmp_path / "out.csv"
    assert _run(["score-intent", str(source), "--text-column", "body", "--output", str(out)]) == 0
    frame = pl.read_csv(out)
    assert frame.columns == ["id", "body", "likes", "intent_level", "intent_probability"]
    assert frame.height == 2
    assert frame["intent_probability"].is_between(0, 1).all()


def test_score_sentiment_semicolon(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text;stars\nlove it, great quality;5\nbroke after a week;1\n")
    out = tmp_path / "out.csv"
    assert _run(["score-sentiment", str(source), "--output", str(out)]) == 0
    frame = pl.read_csv(out)
    assert frame.columns == ["text", "stars", "sentiment_score", "sentiment_label"]
    assert frame["sentiment_label"].to_list() == ["positive", "negative"]


def test_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        _run(["score-intent", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "o.csv")])
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(UserError, match="is empty"):
        _run(["score-intent", str(empty), "--output", str(tmp_path / "o.csv")])
    source = tmp_path / "in.csv"
    source.write_text("id,body\n1,hi\n")
    with pytest.raises(UserError, match=r"no column 'text' \(columns: id, body\)"):
        _run(["score-sentiment", str(source), "--output", str(tmp_path / "o.csv")])


def test_main_style_exit_code(tmp_path: Path, capsys) -> None:
    """As the main CLI does: a UserError becomes one stderr line and a non-zero exit code."""
    import sys

    def main(argv: list[str]) -> int:
        try:
            return _run(argv)
        except UserError as exc:
            print(f"social-commerce: error: {exc}", file=sys.stderr)
            return 2

    code = main(["score-intent", str(tmp_path / "x.csv"), "--output", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and "x.csv does not exist" in err
