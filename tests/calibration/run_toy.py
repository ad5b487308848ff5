"""Calibrate the toy into a directory (the kill test's subprocess).

    python tests/calibration/run_toy.py OUT EXECUTOR
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TOY_SPEC = {"name": "toy", "horizon_days": 1, "root_seed": 7, "priors": {"mu": [-5.0, 5.0]},
            "targets": [{"statistic": "mean", "observed": 1.3, "tolerance": 0.05}],
            "abc": {"population": 100, "max_generations": 4, "minimum_epsilon": 1.0}, "predictive": {"runs": 20}}


def main() -> None:
    """Run the toy calibration quietly."""
    from model.calibration.engine import calibrate
    from model.calibration.spec import parse_calibration_spec
    from tests.calibration.toy import SIMULATOR

    calibrate(parse_calibration_spec(TOY_SPEC, SIMULATOR), SIMULATOR, Path(sys.argv[1]), sys.argv[2], quiet=True)


if __name__ == "__main__":
    main()
