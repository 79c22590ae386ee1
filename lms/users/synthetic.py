"""Synthetic, clearly fictional employees for demos and benchmarks, as roster CSV rows.

Nobody here is real: names are drawn at random from short lists of common English and Spanish
given names and surnames, emails live under the reserved `.test` domain, and the department
sizes come from the invented `synthetic_weight` of data/departments.csv (not a headcount).
Everything is deterministic from the seed. This module imports no Django models, so that
scripts/make_roster.py runs without a configured project.
"""

import csv
import itertools
import random
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lms.users.roster import ROSTER_COLUMNS

DEFAULT_DEPARTMENTS_PATH = (
    Path(__file__).resolve().parent.parent.parent / "data" / "departments.csv"
)
FIRST_EMPLOYEE_ID = 1_000_001
EMAIL_DOMAIN = "demo.lacity.test"

FIRST_NAMES: tuple[str, ...] = (
    "Ana", "Luis", "María", "José", "Carmen", "Jorge", "Lucía", "Andrés", "Rosa", "Diego",
    "Sofía", "Javier", "Elena", "Raúl", "Paula", "Tomás", "Marisol", "Héctor", "Inés", "Pablo",
    "James", "Mary", "Robert", "Linda", "Michael", "Karen", "David", "Susan", "Daniel", "Grace",
    "Kevin", "Emily", "Brian", "Nancy", "Aaron", "Olivia", "Marcus", "Hannah", "Tyrone", "Mei",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "García", "Hernández", "López", "Martínez", "González", "Ramírez", "Flores", "Rivera",
    "Torres", "Morales", "Ortiz", "Castillo", "Núñez", "Peña", "Vargas", "Mendoza", "Reyes",
    "Cruz", "Salazar", "Delgado", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller",
    "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee",
    "Nguyen", "Kim", "Park", "Clark", "Lewis",
)  # fmt: skip

# (code, title, weight). Codes and titles are illustrative of civil-service classes.
JOB_CLASSES: tuple[tuple[str, str, int], ...] = (
    ("1358", "Administrative Clerk", 12),
    ("1368", "Senior Administrative Clerk", 10),
    ("1223", "Accounting Clerk", 6),
    ("9184", "Management Analyst", 10),
    ("9171", "Senior Management Analyst", 4),
    ("1596", "Systems Analyst", 5),
    ("7237", "Civil Engineer", 4),
    ("3112", "Maintenance Laborer", 12),
    ("3141", "Gardener Caretaker", 5),
    ("2214", "Police Officer", 0),
    ("2112", "Firefighter", 0),
)
# Sworn departments are mostly officers; other classes keep the weights above.
_SWORN_CLASS = {"LAPD": ("2214", 70), "LAFD": ("2112", 70)}

_JOB_CLASS_CUM_WEIGHTS: dict[str, list[int]] = {}

HIRED_FROM = date(1990, 1, 1)
HIRED_UNTIL = date(2026, 6, 30)
SPANISH_SHARE = 0.15
NO_SUPERVISOR_SHARE = 0.05


def load_departments(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Read the departments reference file.

    Args:
        path: a CSV with columns code, budget_number, name, synthetic_weight; by default
            `<repo>/data/departments.csv`.

    Returns:
        One dict a department with keys code, name, budget_number (str) and synthetic_weight
        (int), in file order.
    """
    with Path(path or DEFAULT_DEPARTMENTS_PATH).open(encoding="utf-8", newline="") as handle:
        return [
            {
                "code": row["code"].strip(),
                "name": row["name"].strip(),
                "budget_number": (row.get("budget_number") or "").strip(),
                "synthetic_weight": int(row["synthetic_weight"]),
            }
            for row in csv.DictReader(handle)
        ]


def roster_rows(
    n: int, *, seed: int = 2026, departments: list[dict[str, Any]] | None = None
) -> Iterator[dict[str, str]]:
    """Yield `n` fictional employees as roster rows (the columns of the roster contract).

    Employees are spread over departments by `synthetic_weight`; employee ids count up from
    1000001; most people report to someone earlier in the same department (so a file read top
    to bottom never names an unknown supervisor); about 15 % prefer Spanish. The same `n`,
    `seed` and departments give the same rows.

    Args:
        n: how many rows.
        seed: the random seed.
        departments: as returned by `load_departments`; by default that function's result.

    Yields:
        Dicts keyed by the roster columns, all values strings.
    """
    departments = departments if departments is not None else load_departments()
    cum_weights = list(itertools.accumulate(d["synthetic_weight"] for d in departments))
    # Demo data, not security: a seeded generator keeps the output reproducible.
    rng = random.Random(seed)  # noqa: S311
    hire_days = (HIRED_UNTIL - HIRED_FROM).days
    earlier: dict[str, list[str]] = {}

    for offset in range(n):
        department = rng.choices(departments, cum_weights=cum_weights)[0]
        code = department["code"]
        employee_id = str(FIRST_EMPLOYEE_ID + offset)
        first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        job_code, job_title = _job_class(rng, code)
        colleagues = earlier.setdefault(code, [])
        supervisor = ""
        if colleagues and rng.random() >= NO_SUPERVISOR_SHARE:
            # Cubing favours the first people of a department: a few managers, many reports.
            supervisor = colleagues[int(len(colleagues) * rng.random() ** 3)]
        colleagues.append(employee_id)
        yield {
            "employee_id": employee_id,
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{_ascii(first_name)}.{_ascii(last_name)}.{employee_id}@{EMAIL_DOMAIN}",
            "department_code": code,
            "department_name": department["name"],
            "job_class_code": job_code,
            "job_class_title": job_title,
            "hire_date": (HIRED_FROM + timedelta(days=rng.randrange(hire_days + 1))).isoformat(),
            "supervisor_employee_id": supervisor,
            "status": "active",
            "preferred_language": "es" if rng.random() < SPANISH_SHARE else "en",
        }


def write_roster_csv(path: str | Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write roster rows as a UTF-8 CSV with the contract's header; return how many rows.

    Args:
        path: the file to write (replaced if it exists).
        rows: dicts keyed by roster columns; missing columns are written empty.
    """
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ROSTER_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _job_class_weights(department_code: str) -> list[int]:
    sworn = _SWORN_CLASS.get(department_code)
    weights = (
        sworn[1] if sworn and code == sworn[0] else weight for code, _title, weight in JOB_CLASSES
    )
    return list(itertools.accumulate(weights))


def _job_class(rng: random.Random, department_code: str) -> tuple[str, str]:
    if department_code not in _JOB_CLASS_CUM_WEIGHTS:
        _JOB_CLASS_CUM_WEIGHTS[department_code] = _job_class_weights(department_code)
    code, title, _weight = rng.choices(
        JOB_CLASSES, cum_weights=_JOB_CLASS_CUM_WEIGHTS[department_code]
    )[0]
    return code, title


def _ascii(name: str) -> str:
    """`Núñez` -> `nunez`, for the local part of an email address."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if char.isascii() and char.isalnum()).lower()
