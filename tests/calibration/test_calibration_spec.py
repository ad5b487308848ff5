"""Bad calibration files: one line on stderr, exit 2, nothing written."""

import subprocess
import sys
from pathlib import Path

import pytest

GOOD = """
name = "c"
horizon_days = 60
root_seed = 1
[priors]
escort_share = [0.1, 0.6]
[[targets]]
statistic = "tankers_destroyed_day55"
observed = 100
tolerance = 50
bound = "lower"
"""

BAD = {
    "unknown parameter": (GOOD.replace("escort_share = ", "no_such_thing = "), "unknown parameter 'no_such_thing'"),
    "prior outside the table's range": (GOOD.replace("[0.1, 0.6]", "[0.1, 0.95]"), "outside the table's range"),
    "prior low not below high": (GOOD.replace("[0.1, 0.6]", "[0.6, 0.1]"), "low < high"),
    "unknown statistic": (GOOD.replace('"tankers_destroyed_day55"', '"no_stat"'), "unknown statistic 'no_stat'"),
    "tolerance zero": (GOOD.replace("tolerance = 50", "tolerance = 0"), "tolerance = 0: must be > 0"),
    "tolerance negative": (GOOD.replace("tolerance = 50", "tolerance = -1"), "must be > 0"),
    "horizon before the statistic's day": (GOOD.replace("horizon_days = 60", "horizon_days = 30"), "beyond horizon"),
    "bad bound": (GOOD.replace('"lower"', '"sideways"'), "bound = 'sideways'"),
    "unknown key": (GOOD + "\ncolour = 1\n", "unknown key(s) colour"),
    "no targets": (GOOD.split("[[targets]]")[0], "at least one [[targets]]"),
    "boolean as a number": (GOOD.replace("observed = 100", "observed = true"), "must be a finite number"),
    "name that is a path": (GOOD.replace('name = "c"', 'name = "../c"'), "plain name"),
    "bad abc table": (GOOD + "\n[abc]\nquantile = 1.5\n", "quantile = 1.5"),
    "not TOML": ("name = ", "not valid TOML"),
}


def calibrate(spec: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "model.cli", "calibrate", str(spec), "--out", str(out), *extra],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_spec_is_one_line_exit_2_and_nothing_written(tmp_path, case):
    text, words = BAD[case]
    spec = tmp_path / "c.toml"
    spec.write_text(text)
    result = calibrate(spec, tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_file_a_directory_and_a_bad_executor_are_refused(tmp_path):
    spec = tmp_path / "c.toml"
    spec.write_text(GOOD)
    for args, words in (((tmp_path / "none.toml", tmp_path / "out"), "no such calibration file"),
                        ((tmp_path, tmp_path / "out"), "is a directory"),
                        ((spec, tmp_path / "out", "--executor", "local:0"), "local:N")):
        result = calibrate(*args)
        assert result.returncode == 2 and words in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert not (tmp_path / "out").exists()


def test_an_out_folder_holding_something_else_is_refused_untouched(tmp_path):
    spec = tmp_path / "c.toml"
    spec.write_text(GOOD)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    result = calibrate(spec, tmp_path / "out")
    assert result.returncode == 2 and "not a calibration directory" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parents[2] / "experiments" / "calibrations")
                                        .glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_calibration_is_valid(path):
    from model.calibration.spec import load_calibration_spec
    from model.calibration.statistics import mali_simulator

    spec = load_calibration_spec(path, mali_simulator())
    assert spec.name == path.stem
    assert all(t.source for t in spec.targets), "every target cites its fact"
