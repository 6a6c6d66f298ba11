"""The command line: exit codes 0/1/2, the summary, progress only at a terminal."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import pytest
from batch_corpus import write_corpus

from pipeline import cli


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_corpus(folder, 3)
    return folder


def run(*args: str) -> int:
    return cli.main(["run", *args, "--no-progress", "--jobs", "1"])


def test_all_ok_exits_0_and_prints_the_summary(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(str(corpus), "--out", str(tmp_path / "out")) == cli.EXIT_OK
    err = capsys.readouterr().err
    assert "3 inputs" in err and "processed 3" in err
    assert len(err.splitlines()) <= 24
    run_json = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert run_json["statuses"].get("error", 0) == 0


def test_a_failed_article_exits_1(corpus: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    assert run(str(corpus), "--out", str(tmp_path / "out")) == cli.EXIT_FAILED
    assert "errors.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [["run", "--jobs", "0"], ["run", "--lang", "xx"], ["run", "--bogus"], ["frobnicate"],
     ["run", "--format", "pdf"]],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        code = cli.main(args)
        raise SystemExit(code)
    assert exc.value.code == cli.EXIT_USAGE
    assert "Traceback" not in capsys.readouterr().err


def test_a_missing_model_is_a_usage_error_before_any_work(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEWSPIPE_MODEL_EN", "xx_no_such_model_installed")
    assert run(str(corpus), "--out", str(tmp_path / "out")) == cli.EXIT_USAGE
    assert "xx_no_such_model_installed" in capsys.readouterr().err
    assert not (tmp_path / "out" / "articles.csv").exists()


def test_a_second_run_on_the_same_output_folder_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / ".newspipe").mkdir(parents=True)
    with open(out / ".newspipe" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert run(str(corpus), "--out", str(out)) == cli.EXIT_USAGE
    assert "another newspipe run" in capsys.readouterr().err


def test_progress_only_for_a_person_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr", Tty())
    assert cli._show_progress(disabled=False)
    assert not cli._show_progress(disabled=True)
    monkeypatch.setenv("CI", "true")
    assert not cli._show_progress(disabled=False)


def test_piped_runs_show_no_progress_bar(corpus: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "articles/s" not in err and "\r" not in err


def test_other_formats_and_excel_safe_are_written_after_the_csvs(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out), "--format", "csv", "--format", "parquet",
               "--excel-safe") == cli.EXIT_OK
    assert (out / "articles.csv").exists() and list(out.glob("*.parquet"))
    assert not list(out.glob(".*.tmp"))
    # a later CSV-only run drops the parquet files: no export outlives its data
    assert run(str(corpus), "--out", str(out)) == cli.EXIT_OK
    assert not list(out.glob("*.parquet"))
