"""Stable statement ids: the statements the LMS writes itself get a UUIDv5 over what they are
about (their kind and the ids of the rows they report), so writing the same completion twice, or
forwarding it twice, is the same statement."""

import uuid

# The project's namespace for UUIDv5 statement ids (itself uuid5(NAMESPACE_URL, the project's
# name), fixed here so ids never change with settings).
NAMESPACE = uuid.UUID("6a1d3f5e-52b5-5d0b-9d8e-2f4c0e0e1a40")


def statement_id_for(*parts) -> uuid.UUID:
    """The UUIDv5 for `parts` (for example "lesson-done", progress.pk): the same parts always
    give the same id; different parts (or order) a different one."""
    if not parts:
        raise ValueError("statement_id_for needs at least one part")
    name = "/".join(str(part) for part in parts)
    return uuid.uuid5(NAMESPACE, name)
