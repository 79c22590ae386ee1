"""Writing to the xAPI store: statements (validated, checked against the sending credential and
the registered policies, stored atomically, voiding applied) and documents (State, Activity
Profile, Agent Profile). Reads are in courses.xapi.selectors.

A batch costs a fixed number of queries whatever its size: one to find the ids already stored,
one for the voiding targets, three bulk inserts, one update for the voided. The LMS's own
statements take one command on PostgreSQL (`_own_statements_store`)."""

import copy
import hashlib
import json
import uuid
from contextlib import nullcontext

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.xapi.agents import agent_key, lms_authority
from courses.xapi.errors import XapiError
from courses.xapi.models import Document, Statement, StatementActivity, StatementAgent
from courses.xapi.policies import after_store_run, batch_scope, policies_run
from courses.xapi.validation import VOIDED, statement_validate, timestamp_parse

VERSION = "1.0.3"
# What the LRS sets itself; ignored when comparing a resent statement with the stored one.
_LRS_PROPERTIES = ("stored", "authority", "version")


def _comparable(statement: dict, *, ignore_timestamp: bool) -> dict:
    payload = {k: v for k, v in statement.items() if k not in _LRS_PROPERTIES}
    if ignore_timestamp:
        payload.pop("timestamp", None)
    elif "timestamp" in payload:
        payload["timestamp"] = timestamp_parse(payload["timestamp"], "timestamp").isoformat()
    return payload


def statements_same(stored: dict, sent: dict, *, sent_timestamp: bool = True) -> bool:
    """Whether `sent` is the statement already `stored` (the LRS's own properties aside; a resend
    without a timestamp (`sent_timestamp` False) matches the timestamp the store filled in)."""
    ignore = not sent_timestamp or "timestamp" not in sent
    return _comparable(stored, ignore_timestamp=ignore) == _comparable(
        sent, ignore_timestamp=ignore
    )


def _activities(statement: dict) -> list[tuple[str, bool]]:
    """(activity id, is the object) for every Activity the statement names."""
    found: list[tuple[str, bool]] = []

    def walk(body: dict, top: bool) -> None:
        obj = body.get("object") or {}
        object_type = obj.get("objectType", "Activity")
        if object_type == "Activity":
            found.append((obj["id"], top))
        elif object_type == "SubStatement":
            walk(obj, False)
        for listed in ((body.get("context") or {}).get("contextActivities") or {}).values():
            for activity in listed if isinstance(listed, list) else [listed]:
                found.append((activity["id"], False))

    walk(statement, True)
    return list(dict.fromkeys(found))


def _agents(statement: dict) -> list[tuple[str, bool]]:
    """(agent key, is the actor or the object) for every Agent and Group the statement names."""
    found: list[tuple[str, bool]] = []

    def add(agent, primary: bool) -> None:
        if not isinstance(agent, dict):
            return
        key = agent_key(agent)
        if key:
            found.append((key, primary))
        for member in agent.get("member") or []:
            member_key = agent_key(member)
            if member_key:
                found.append((member_key, False))

    def walk(body: dict, top: bool) -> None:
        add(body.get("actor"), top)
        obj = body.get("object") or {}
        if obj.get("objectType") in ("Agent", "Group"):
            add(obj, top)
        elif obj.get("objectType") == "SubStatement":
            walk(obj, False)
        context = body.get("context") or {}
        add(context.get("instructor"), False)
        add(context.get("team"), False)

    walk(statement, True)
    add(statement.get("authority"), False)
    keys: dict[str, bool] = {}
    for key, primary in found:
        keys[key] = keys.get(key, False) or primary
    return list(keys.items())


def _context_activities_as_arrays(body: dict) -> None:
    """xAPI returns every contextActivities entry as an array, even when one was sent alone."""
    activities = (body.get("context") or {}).get("contextActivities")
    if isinstance(activities, dict):
        for key, listed in activities.items():
            if not isinstance(listed, list):
                activities[key] = [listed]
    if (body.get("object") or {}).get("objectType") == "SubStatement":
        _context_activities_as_arrays(body["object"])


def _prepare(statement: dict, *, now, where: str) -> dict:
    statement_validate(statement, where)
    payload = copy.deepcopy(statement)
    _context_activities_as_arrays(payload)
    payload["id"] = str(uuid.UUID(payload["id"])) if "id" in payload else str(uuid.uuid4())
    payload["stored"] = now.isoformat()
    payload["authority"] = lms_authority()
    payload.setdefault("version", VERSION)
    payload.setdefault("timestamp", payload["stored"])
    return payload


def _credential_check(credential, statement: dict, where: str) -> None:
    if agent_key(statement["actor"]) != credential.actor_key:
        raise XapiError(
            _("%(where)s: these credentials may only send statements about their own learner")
            % {"where": where},
            403,
        )
    if credential.registration is not None:
        registration = (statement.get("context") or {}).get("registration")
        if not registration or uuid.UUID(registration) != credential.registration:
            raise XapiError(
                _("%(where)s: these credentials may only send statements of their registration")
                % {"where": where},
                403,
            )


def statements_store(*, statements: list[dict], credential=None) -> list[str]:
    """Stores `statements` (a list of statement dicts) sent with `credential` (None: the LMS
    itself); returns their ids in order. All or nothing: a bad statement (400), one the
    credential may not send (403), a policy's refusal, or an id already stored with a different
    statement (409) raises XapiError and stores none of the batch. A statement already stored
    identically is accepted again and not stored twice."""
    with batch_scope():
        prepared, by_id, timestamped, now = _statements_prepare(statements, credential)
        if credential is None and all(p["verb"]["id"] != VOIDED for p in by_id.values()):
            # One statement is one INSERT, all or nothing by itself: no savepoint around it
            # (every lesson done and every knowledge check writes one).
            with transaction.atomic() if len(by_id) > 1 else nullcontext():
                _own_statements_store(by_id, timestamped, now=now)
            return [p["id"] for p in prepared]
        with transaction.atomic():
            _statements_store(by_id, timestamped, now=now, credential=credential)
        return [p["id"] for p in prepared]


def _statements_prepare(statements, credential) -> tuple[list[dict], dict, dict, object]:
    """Validates the batch and checks it against `credential` (no database): the payloads in
    order, the payloads by id (one per id), whether each id's statement came with a timestamp,
    and the time stored. Raises XapiError (400, 403)."""
    if not isinstance(statements, list) or not statements:
        raise XapiError(_("Send a statement or a non-empty array of statements."), 400)
    now = timezone.now()
    many = len(statements) > 1
    prepared: list[dict] = []
    timestamped: dict[str, bool] = {}
    for index, statement in enumerate(statements):
        where = f"statement {index + 1}" if many else "statement"
        payload = _prepare(statement, now=now, where=where)
        timestamped[payload["id"]] = "timestamp" in statement
        if credential is not None:
            _credential_check(credential, payload, where)
        prepared.append(payload)

    by_id: dict[str, dict] = {}
    for payload in prepared:
        earlier = by_id.get(payload["id"])
        if earlier is not None and not statements_same(
            earlier, payload, sent_timestamp=timestamped[payload["id"]]
        ):
            raise XapiError(
                _("Two statements of the batch have the id %(id)s.") % {"id": payload["id"]}, 400
            )
        by_id.setdefault(payload["id"], payload)
    return prepared, by_id, timestamped, now


def _statements_store(by_id: dict[str, dict], timestamped: dict[str, bool], *, now, credential):
    existing = {
        str(row.statement_id): row
        for row in Statement.objects.filter(statement_id__in=list(by_id)).only(
            "statement_id", "payload"
        )
    }
    new: list[dict] = []
    for statement_id, payload in by_id.items():
        row = existing.get(statement_id)
        if row is None:
            new.append(payload)
        elif not statements_same(row.payload, payload, sent_timestamp=timestamped[statement_id]):
            raise _stored_differently(statement_id)

    # Voiding: the targets may be stored already or come in this batch; a voiding statement
    # cannot be voided.
    targets = {p["object"]["id"]: p for p in new if p["verb"]["id"] == VOIDED}
    if targets:
        target_rows = {
            str(row.statement_id): row.voids
            for row in Statement.objects.filter(statement_id__in=list(targets)).only(
                "statement_id", "voids"
            )
        }
        for target_id in targets:
            target_voids = target_rows.get(target_id)
            in_batch = by_id.get(target_id)
            if target_voids is not None or (in_batch and in_batch["verb"]["id"] == VOIDED):
                raise XapiError(
                    _("Statement %(id)s voids another statement and cannot be voided.")
                    % {"id": target_id},
                    400,
                )

    if credential is not None and new:
        policies_run(credential=credential, statements=new)
    if not new:
        return

    rows = [
        _statement_row(payload, now=now, voided=payload["id"] in targets, credential=credential)
        for payload in new
    ]
    try:
        with transaction.atomic():
            Statement.objects.bulk_create(rows)
    except IntegrityError as error:
        # another request stored one of these ids in the meantime
        raise XapiError(
            _("A statement with one of these ids was stored meanwhile."), 409
        ) from error
    if any(row.pk is None for row in rows):  # a backend without RETURNING
        ids = dict(
            Statement.objects.filter(
                statement_id__in=[row.statement_id for row in rows]
            ).values_list("statement_id", "pk")
        )
    else:
        ids = {row.statement_id: row.pk for row in rows}
    _index_rows_store(ids, rows, new)
    stored_targets = [uuid.UUID(t) for t in targets if t not in {p["id"] for p in new}]
    if stored_targets:
        Statement.objects.filter(statement_id__in=stored_targets).update(voided=True)
    if credential is not None:
        after_store_run(credential=credential, statements=new)


def _stored_differently(statement_id: str) -> XapiError:
    return XapiError(
        _("A different statement with the id %(id)s is already stored.") % {"id": statement_id},
        409,
    )


def _statement_row(payload: dict, *, now, voided: bool, credential) -> Statement:
    obj = payload["object"]
    registration = (payload.get("context") or {}).get("registration")
    is_voiding = payload["verb"]["id"] == VOIDED
    return Statement(
        statement_id=uuid.UUID(payload["id"]),
        payload=payload,
        stored=now,
        timestamp=timestamp_parse(payload["timestamp"], "timestamp"),
        actor_key=agent_key(payload["actor"]),
        verb_id=payload["verb"]["id"],
        activity_id=obj["id"] if obj.get("objectType", "Activity") == "Activity" else "",
        registration=uuid.UUID(registration) if registration else None,
        voids=uuid.UUID(obj["id"]) if is_voiding else None,
        voided=voided,
        credential=credential,
    )


def _index_rows_store(ids: dict, rows: list[Statement], payloads: list[dict]) -> None:
    """The activity and agent rows of newly stored statements (`ids`: statement id → row id)."""
    StatementActivity.objects.bulk_create(
        StatementActivity(statement_id=ids[row.statement_id], activity_id=activity, is_object=top)
        for row, payload in zip(rows, payloads, strict=True)
        for activity, top in _activities(payload)
    )
    StatementAgent.objects.bulk_create(
        StatementAgent(statement_id=ids[row.statement_id], agent_key=key, is_actor=primary)
        for row, payload in zip(rows, payloads, strict=True)
        for key, primary in _agents(payload)
    )


def _own_statements_store(by_id: dict[str, dict], timestamped: dict[str, bool], *, now) -> None:
    """Stores the LMS's own statements (no credential, no voiding), where their ids are new.

    One INSERT that skips the ids already stored and returns the rows it made, where the general
    path reads the ids first and puts a savepoint around its inserts: every lesson done and every
    knowledge check writes one. On PostgreSQL the statements' activity and agent rows go in the
    same command (data-modifying WITH queries), so a statement is one round trip; elsewhere
    they follow as two bulk inserts. An id already stored (a completion told again) is compared
    with what is stored, as in the general path: the same statement is accepted and stored once,
    a different one is refused (409). Two requests storing the same new id at once: the second
    one's insert waits for the first's transaction and then skips the row (and its index rows,
    which join the rows made)."""
    rows = [
        _statement_row(payload, now=now, voided=False, credential=None)
        for payload in by_id.values()
    ]
    fields = [field for field in Statement._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(rows))
    params = [
        field.get_db_prep_save(getattr(row, field.attname), connection)
        for row in rows
        for field in fields
    ]
    insert = (
        f"INSERT INTO {quote(Statement._meta.db_table)} ({columns}) VALUES {values} "  # noqa: S608
        f"ON CONFLICT ({quote('statement_id')}) DO NOTHING "
        f"RETURNING {quote('id')}, {quote('statement_id')}"
    )
    together = connection.vendor == "postgresql"
    if together:
        index_sql, index_params = _index_rows_sql(rows, list(by_id.values()))
        insert = f"WITH made AS ({insert}){index_sql} SELECT * FROM made"  # noqa: S608 - built above
        params += index_params
    with connection.cursor() as cursor:
        cursor.execute(insert, params)
        made = {uuid.UUID(str(statement_id)): pk for pk, statement_id in cursor.fetchall()}
    skipped = [row for row in rows if row.statement_id not in made]
    if skipped:
        stored = dict(
            Statement.objects.filter(
                statement_id__in=[row.statement_id for row in skipped]
            ).values_list("statement_id", "payload")
        )
        for row in skipped:
            key = str(row.statement_id)
            if not statements_same(
                stored[row.statement_id], by_id[key], sent_timestamp=timestamped[key]
            ):
                raise _stored_differently(key)
    if not together:
        new_rows = [row for row in rows if row.statement_id in made]
        _index_rows_store(made, new_rows, [by_id[str(row.statement_id)] for row in new_rows])


def _index_rows_sql(rows: list[Statement], payloads: list[dict]) -> tuple[str, list]:
    """The WITH queries (after `made`, the statements inserted) that insert the activity and
    agent rows of the statements made, with their parameters (PostgreSQL)."""
    quote = connection.ops.quote_name
    sql, params = "", []
    for name, model, value_column, flag_column, listed in (
        ("activities", StatementActivity, "activity_id", "is_object", _activities),
        ("agents", StatementAgent, "agent_key", "is_actor", _agents),
    ):
        entries = [
            (str(row.statement_id), value, flag)
            for row, payload in zip(rows, payloads, strict=True)
            for value, flag in listed(payload)
        ]
        if not entries:
            continue
        values = ", ".join(["(%s::uuid, %s, %s::boolean)"] * len(entries))
        columns = ", ".join(
            quote(model._meta.get_field(field).column)
            for field in ("statement", value_column, flag_column)
        )
        sql += (
            f", {name} AS (INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
            f"SELECT made.{quote('id')}, entry.value, entry.flag FROM made "
            f"JOIN (VALUES {values}) AS entry (statement_id, value, flag) "
            f"ON entry.statement_id = made.{quote('statement_id')})"
        )
        params += [part for entry in entries for part in entry]
    return sql, params


def statement_record(*, statement: dict) -> str:
    """Stores a statement the LMS writes itself (no credential, no policies); returns its id.
    Idempotent on the id: recording the same statement again stores nothing new."""
    if "id" not in statement:
        raise XapiError(_("The LMS's own statements need a stable id."), 400)
    return statements_store(statements=[statement])[0]


def statements_record(*, statements: list[dict]) -> list[str]:
    """statement_record for many at once (a fixed number of queries)."""
    if not statements:
        return []
    if any("id" not in statement for statement in statements):
        raise XapiError(_("The LMS's own statements need a stable id."), 400)
    return statements_store(statements=statements)


# Documents ------------------------------------------------------------------------------------


def document_etag(content: bytes) -> str:
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()


def _document_filter(*, kind, activity_id="", agent=None, registration="", document_id=None):
    lookup = {
        "kind": kind,
        "activity_id": activity_id or "",
        "agent_key": agent_key(agent) if agent else "",
        "registration": str(registration or ""),
    }
    if document_id is not None:
        lookup["document_id"] = document_id
    return lookup


def document_get(
    *, kind, activity_id="", agent=None, registration="", document_id
) -> Document | None:
    """The stored document, or None."""
    return Document.objects.filter(
        **_document_filter(
            kind=kind,
            activity_id=activity_id,
            agent=agent,
            registration=registration,
            document_id=document_id,
        )
    ).first()


def _precondition(document: Document | None, *, if_match=None, if_none_match=None) -> None:
    if if_match is not None:
        wanted = {tag.strip().strip('"') for tag in if_match.split(",")}
        if document is None or ("*" not in wanted and document.etag not in wanted):
            raise XapiError(_("The document has changed (If-Match does not match)."), 412)
    if if_none_match is not None:
        wanted = {tag.strip().strip('"') for tag in if_none_match.split(",")}
        if document is not None and ("*" in wanted or document.etag in wanted):
            raise XapiError(_("The document already exists (If-None-Match)."), 412)


@transaction.atomic
def document_put(
    *,
    kind,
    activity_id="",
    agent=None,
    registration="",
    document_id,
    content: bytes,
    content_type,
    if_match=None,
    if_none_match=None,
    require_precondition=False,
) -> Document:
    """Stores (replaces) a document. `if_match` / `if_none_match` are the request's headers
    (XapiError 412 when they do not hold); with `require_precondition` (the profile resources)
    replacing an existing document without either header is a 409, as xAPI requires."""
    lookup = _document_filter(
        kind=kind,
        activity_id=activity_id,
        agent=agent,
        registration=registration,
        document_id=document_id,
    )
    document = Document.objects.select_for_update().filter(**lookup).first()
    _precondition(document, if_match=if_match, if_none_match=if_none_match)
    if require_precondition and document is not None and if_match is None and if_none_match is None:
        raise XapiError(
            _("The document exists: send If-Match with its ETag (or If-None-Match: *)."), 409
        )
    now = timezone.now()
    if document is None:
        document = Document(**lookup)
    document.content = bytes(content)
    document.content_type = content_type or "application/octet-stream"
    document.etag = document_etag(document.content)
    document.updated = now
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:
        # created by another request at this very moment: the client retries with its ETag
        raise XapiError(_("The document was created meanwhile; try again."), 409) from error
    return document


def _is_json(content_type: str) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == "application/json"


@transaction.atomic
def document_merge(
    *,
    kind,
    activity_id="",
    agent=None,
    registration="",
    document_id,
    content: bytes,
    content_type,
    if_match=None,
    if_none_match=None,
) -> Document:
    """POST: merges a JSON object into the stored JSON document (top-level properties of the new
    one replace the stored ones), or stores it when there is none. Both must be JSON objects."""
    lookup = _document_filter(
        kind=kind,
        activity_id=activity_id,
        agent=agent,
        registration=registration,
        document_id=document_id,
    )
    document = Document.objects.select_for_update().filter(**lookup).first()
    _precondition(document, if_match=if_match, if_none_match=if_none_match)
    try:
        sent = json.loads(bytes(content).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        sent = None
    if document is None:
        if not _is_json(content_type) or not isinstance(sent, dict):
            raise XapiError(_("POST merges JSON: send a JSON object as application/json."), 400)
        return document_put(
            kind=kind,
            activity_id=activity_id,
            agent=agent,
            registration=registration,
            document_id=document_id,
            content=content,
            content_type="application/json",
        )
    try:
        stored = json.loads(bytes(document.content).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        stored = None
    if not _is_json(document.content_type) or not isinstance(stored, dict):
        raise XapiError(_("The stored document is not a JSON object: it cannot be merged."), 400)
    if not _is_json(content_type) or not isinstance(sent, dict):
        raise XapiError(_("POST merges JSON: send a JSON object as application/json."), 400)
    stored.update(sent)
    document.content = json.dumps(stored, separators=(",", ":")).encode()
    document.etag = document_etag(document.content)
    document.updated = timezone.now()
    document.save()
    return document


@transaction.atomic
def documents_delete(
    *,
    kind,
    activity_id="",
    agent=None,
    registration="",
    document_id=None,
    if_match=None,
) -> int:
    """Deletes one document (`document_id`) or, for the State resource, all of an activity and
    agent (and registration). Returns how many."""
    lookup = _document_filter(
        kind=kind,
        activity_id=activity_id,
        agent=agent,
        registration=registration,
        document_id=document_id,
    )
    if kind == "state" and document_id is None and not registration:
        lookup.pop("registration")
    queryset = Document.objects.filter(**lookup)
    if document_id is not None and if_match is not None:
        _precondition(queryset.select_for_update().first(), if_match=if_match)
    deleted, _by_model = queryset.delete()
    return deleted
