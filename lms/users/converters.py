"""The URL converter for a department code: `<department:code>` in a URL pattern.

New codes are URL-safe (validators.py), but a code stored before that check may hold a space,
a slash, an accent or a `.`: with Django's `slug` converter such a department had no URL, and
every page linking to it failed with `NoReverseMatch`. This converter percent-encodes whatever
is not a letter, digit, `-` or `_` (so `SEC/REL` becomes one path segment, `SEC%2FREL`) and
decodes it back, so every stored code has exactly one URL; the usual codes (`GSD`, `LAPD`)
are unchanged.
"""

from urllib.parse import quote, unquote

from django.urls import register_converter

# Letters, digits, - and _ are left as they are; everything else, `.` and `~` too, is encoded
# (a segment of dots would otherwise be read as "this folder" or "the parent folder").
_SAFE = "-_"
CODE_MAX_LENGTH = 20  # Department.code


class DepartmentCodeConverter:
    # No NUL: no code can hold one (PostgreSQL refuses it in a query), so no URL has one.
    regex = r"[^/\x00]+"

    def to_python(self, value: str) -> str:
        code = unquote(value)
        # No stored code is longer, and no database stores a NUL: such a path is a 404 here,
        # not an error in the query that looks the department up.
        if len(code) > CODE_MAX_LENGTH or "\x00" in code:
            raise ValueError(value)
        return code

    def to_url(self, value: str) -> str:
        return quote(str(value), safe=_SAFE).replace(".", "%2E").replace("~", "%7E")


register_converter(DepartmentCodeConverter, "department")
