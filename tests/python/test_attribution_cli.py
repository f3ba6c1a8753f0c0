"""``social-commerce attribute``: results on stdout or in a file, one-line errors."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from social_commerce.attribution import MODELS, read_paths_csv
from social_commerce.cli import main
from social_commerce.errors import UserError

CSV = "path;total_conversions;total_conversion_value;total_null\na > b;1;30;0\nb;0;0;1\n"


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "Traceback" not in err[0]
    return err[0]


def test_writes_every_model_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "paths.csv"
    source.write_text(CSV)
    assert main(["attribute", str(source)]) == 0
    result = pl.read_csv(io.StringIO(capsys.readouterr().out))
    assert result.columns == [
        "model",
        "channel_name",
        "total_conversions",
        "total_conversion_value",
        "removal_effect",
    ]
    assert result["model"].unique(maintain_order=True).to_list() == [
        *MODELS[:6],
        "markov_order_1",
        "shapley",
    ]
    markov = result.filter(pl.col("model") == "markov_order_1")
    assert markov["total_conversions"].to_list() == pytest.approx([1 / 3, 2 / 3])
    assert markov["removal_effect"].to_list() == pytest.approx([0.5, 1.0])


def test_order_model_and_output_options(tmp_path: Path) -> None:
    source, output = tmp_path / "paths.csv", tmp_path / "out" / "attributed.csv"
    source.write_text(CSV.replace(";", ","))
    output.parent.mkdir()
    args = ["attribute", str(source), "--order", "2", "--model", "markov", "--model", "linear"]
    assert main([*args, "--output", str(output)]) == 0
    result = pl.read_csv(output)
    assert result["model"].unique(maintain_order=True).to_list() == ["markov_order_2", "linear"]
    assert result.group_by("model").agg(pl.col("total_conversions").sum())[
        "total_conversions"
    ].to_list() == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize(
    ("content", "args", "expected"),
    [
        (None, [], "does not exist"),
        ("", [], "is empty"),
        ("path,total_null\na,1\n", [], "lacks column(s) total_conversions, total_conversion_value"),
        (CSV, ["--model", "nonsense"], "unknown model(s) nonsense"),
        (CSV, ["--order", "0"], "--order must be between 1 and"),
        (CSV, ["--order", "x"], "--order must be an integer"),
        (CSV.replace("a > b", "a > > b"), [], "empty channel name"),
        (CSV.replace(";1;30", ";one;30"), [], "total_conversions must hold numbers"),
    ],
)
def test_user_errors_are_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    args: list[str],
    expected: str,
) -> None:
    source = tmp_path / "paths.csv"
    if content is not None:
        source.write_text(content)
    assert main(["attribute", str(source), *args]) == 2
    assert expected in _error_line(capsys)


def test_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "paths.csv"
    source.write_text(CSV)
    assert main(["attribute", str(source), "--output", str(tmp_path / "no" / "out.csv")]) == 2
    assert "choose another --output" in _error_line(capsys)


def test_read_paths_csv_names_expected_columns(tmp_path: Path) -> None:
    source = tmp_path / "paths.csv"
    source.write_text("path;total_conversions\na;1\n")
    with pytest.raises(UserError, match=r"lacks column\(s\) total_conversion_value: expected"):
        read_paths_csv(source)
    source.write_text(CSV)
    assert read_paths_csv(source).columns == [
        "path",
        "total_conversions",
        "total_conversion_value",
        "total_null",
    ]
