"""Hooks for the parts above the store (cmi5): rules a statement must pass before it is stored,
and work to do once a batch is stored. The store cannot import courses.packages (a higher
layer), so those parts register here when their module is imported.

    @statement_policy
    def cmi5_rules(*, credential, statement): ...      # raise XapiError to refuse the batch

    @after_store
    def cmi5_move_on(*, credential, statements): ...   # same transaction as the store
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

_policies: list[Callable] = []
_document_policies: list[Callable] = []
_after_store: list[Callable] = []
_batch: ContextVar[tuple[dict, ...]] = ContextVar("xapi_batch", default=())
_memo: ContextVar[dict | None] = ContextVar("xapi_batch_memo", default=None)


def batch_statements() -> tuple[dict, ...]:
    """Inside a policy: the statements of the batch being stored that come before the one being
    checked (validated, with their ids, not yet in the database). A policy that checks order
    ("initialized before completed") looks here and in the store."""
    return _batch.get()


def batch_memo() -> dict:
    """Inside a policy or an after-store hook: a dict that lives as long as the batch being
    stored (policies and after-store hooks of one `statements_store` call share it), so a policy
    loads what every statement of the batch needs once, not once per statement. Outside a
    batch: a new, empty dict each time."""
    memo = _memo.get()
    return memo if memo is not None else {}


@contextmanager
def batch_scope():
    """The store runs one batch's policies and after-store hooks inside this."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def statement_policy(fn: Callable) -> Callable:
    """Registers fn(*, credential, statement), called inside the storing transaction for every
    statement sent with a credential, before it is stored (in the batch's order, so earlier
    statements of the same batch are already validated but not yet stored). Raising XapiError
    refuses the whole batch: nothing of it is stored."""
    if fn not in _policies:
        _policies.append(fn)
    return fn


def after_store(fn: Callable) -> Callable:
    """Registers fn(*, credential, statements) called after a batch sent with a credential was
    stored, in the same transaction (`statements` are the stored payloads, with id, stored,
    authority and version). Raising XapiError rolls the batch back."""
    if fn not in _after_store:
        _after_store.append(fn)
    return fn


def policies_run(*, credential, statements: list[dict]) -> None:
    """Runs every policy on each statement in order, with `batch_statements()` set."""
    for index, statement in enumerate(statements):
        token = _batch.set(tuple(statements[:index]))
        try:
            for fn in list(_policies):
                fn(credential=credential, statement=statement)
        finally:
            _batch.reset(token)


def after_store_run(*, credential, statements: list[dict]) -> None:
    for fn in list(_after_store):
        fn(credential=credential, statements=statements)


def document_policy(fn: Callable) -> Callable:
    """Registers fn(*, credential, kind, activity_id, document_id) called before a write (PUT,
    POST or DELETE) of a State, Activity Profile or Agent Profile document with a credential;
    `document_id` is None for a DELETE of every State document of an activity. Raising XapiError
    refuses the write: nothing changes."""
    if fn not in _document_policies:
        _document_policies.append(fn)
    return fn


def document_policies_run(*, credential, kind: str, activity_id: str, document_id) -> None:
    for fn in list(_document_policies):
        fn(credential=credential, kind=kind, activity_id=activity_id, document_id=document_id)
