"""`<id:name>` in a URL pattern: a database record id.

Django's `<int:...>` takes any run of digits, and a number beyond 64 bits reached the database:
SQLite raised OverflowError and PostgreSQL "out of range" for a lookup through a page's
`page_ptr` (a course, a lesson, a resource), so `/learn/evaluation/99999999999999999999/pre/`
answered 500. Ids are 1 to 18 digits (below 2**63): anything longer matches no URL, a 404.
"""

from django.urls import register_converter


class RecordIdConverter:
    regex = r"[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(RecordIdConverter, "id")
