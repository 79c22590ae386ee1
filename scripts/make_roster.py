"""Write a synthetic roster CSV: `python scripts/make_roster.py OUT.csv --rows 50000`.

The employees are fictional (lms/users/synthetic.py); the file follows the roster contract and
can be loaded with `manage.py import_roster OUT.csv`. Django does not need to be set up.
"""

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lms.users.synthetic import load_departments, roster_rows, write_roster_csv  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, write the file, say how many rows; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the CSV file to write")
    parser.add_argument("--rows", type=int, default=50_000, help="employees (default 50000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--departments", type=Path, default=None, help="departments CSV (default data/)"
    )
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    departments = load_departments(args.departments)
    written = write_roster_csv(
        args.out, roster_rows(args.rows, seed=args.seed, departments=departments)
    )
    sys.stderr.write(f"wrote {written} synthetic employees to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
