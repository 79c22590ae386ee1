"""What a department or job-class code and name may be, for the roster import and the admin forms.

A code is part of web addresses (`/liaison/<code>/`, links in reminder emails), so it is kept to
ASCII letters, digits, `-` and `_`, starting with a letter or digit. A name or title goes out in
every export, so it may not start the way a spreadsheet formula does (OWASP "CSV injection"):
`=`, `+`, `-`, `@`, a tab or a carriage return, even after leading spaces.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CODE_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]*"
CODE_RE = re.compile(CODE_PATTERN)
CODE_RULE = "letters A-Z, digits, '-' and '_', starting with a letter or digit"
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
FORMULA_RULE = "'=', '+', '-', '@', a tab or a carriage return"


def validate_code(value: str) -> None:
    """Refuse a department or job-class code that is not URL-safe (see the module docstring)."""
    if not CODE_RE.fullmatch(value):
        raise ValidationError(
            _(
                "Use only the letters A to Z, digits, hyphens (-) and underscores (_), starting "
                "with a letter or digit: the code is part of web addresses."
            ),
            code="invalid_code",
        )


def starts_like_formula(value: str) -> bool:
    """True when a spreadsheet opening `value` as a cell could read it as a formula."""
    for character in value:
        if character in FORMULA_TRIGGERS:
            return True
        if not character.isspace():
            return False
    return False


def validate_not_formula(value: str) -> None:
    """Refuse a name that would start a formula in a spreadsheet (see the module docstring)."""
    if starts_like_formula(value):
        raise ValidationError(
            _(
                "Start with a letter or digit: a name starting with =, +, -, @, a tab or a "
                "carriage return would run as a formula when an export is opened in a "
                "spreadsheet."
            ),
            code="formula",
        )
