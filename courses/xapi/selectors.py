"""Reading the xAPI store: the Statements resource's GET (single statements, filtered and paged
lists) and the documents' id lists. Every read is a fixed number of queries: a page of statements
is one query whatever its filters (the related agents and activities are EXISTS subqueries)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q

from courses.xapi.agents import agent_key
from courses.xapi.models import Document, Statement, StatementActivity, StatementAgent

MAX_LIMIT = 500
DEFAULT_LIMIT = 100


def statement_get(*, statement_id, voided: bool = False, actor_key: str | None = None):
    """The payload of statement `statement_id` (`voided`: only if voided, as voidedStatementId
    asks; otherwise only if not voided), or None. `actor_key` restricts to one learner."""
    queryset = Statement.objects.filter(statement_id=statement_id, voided=voided)
    if actor_key is not None:
        queryset = queryset.filter(actor_key=actor_key)
    return queryset.values_list("payload", flat=True).first()


@dataclass(frozen=True)
class StatementQuery:
    agent: dict | None = None
    verb: str | None = None
    activity: str | None = None
    registration: uuid.UUID | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 0
    ascending: bool = False
    # where the previous page ended: (stored, pk)
    after: tuple[datetime, int] | None = None
    # restricts to one learner's statements (a credential reads only its own)
    actor_key: str | None = None


def statements_page(query: StatementQuery) -> tuple[list[dict], tuple[datetime, int] | None]:
    """One page of the statements matching `query` (voided statements excluded), newest stored
    first unless `ascending`; with the (stored, pk) cursor of its last row when more follow."""
    queryset = Statement.objects.filter(voided=False)
    if query.actor_key is not None:
        queryset = queryset.filter(actor_key=query.actor_key)
    if query.agent is not None:
        agents = StatementAgent.objects.filter(
            statement=OuterRef("pk"), agent_key=agent_key(query.agent)
        )
        if not query.related_agents:
            agents = agents.filter(is_actor=True)
        queryset = queryset.filter(Exists(agents))
    if query.verb:
        queryset = queryset.filter(verb_id=query.verb)
    if query.activity:
        if query.related_activities:
            queryset = queryset.filter(
                Exists(
                    StatementActivity.objects.filter(
                        statement=OuterRef("pk"), activity_id=query.activity
                    )
                )
            )
        else:
            queryset = queryset.filter(activity_id=query.activity)
    if query.registration is not None:
        queryset = queryset.filter(registration=query.registration)
    if query.since is not None:
        queryset = queryset.filter(stored__gt=query.since)
    if query.until is not None:
        queryset = queryset.filter(stored__lte=query.until)
    if query.after is not None:
        stored, pk = query.after
        if query.ascending:
            queryset = queryset.filter(Q(stored__gt=stored) | Q(stored=stored, pk__gt=pk))
        else:
            queryset = queryset.filter(Q(stored__lt=stored) | Q(stored=stored, pk__lt=pk))
    order = ("stored", "pk") if query.ascending else ("-stored", "-pk")
    limit = min(query.limit or DEFAULT_LIMIT, MAX_LIMIT)
    rows = list(queryset.order_by(*order).values_list("payload", "stored", "pk")[: limit + 1])
    more = None
    if len(rows) > limit:
        rows = rows[:limit]
        more = (rows[-1][1], rows[-1][2])
    return [row[0] for row in rows], more


def activity_definition(*, activity_id: str) -> dict | None:
    """The definition of the newest stored statement whose object is the activity (one query)."""
    payload = (
        Statement.objects.filter(activity_id=activity_id, voided=False)
        .order_by("-stored", "-pk")
        .values_list("payload", flat=True)
        .first()
    )
    return (payload or {}).get("object", {}).get("definition")


def document_ids(*, kind, activity_id="", agent=None, registration="", since=None) -> list[str]:
    """The ids of the documents of one activity / agent (/ registration), updated after
    `since` when given."""
    queryset = Document.objects.filter(
        kind=kind,
        activity_id=activity_id or "",
        agent_key=agent_key(agent) if agent else "",
        registration=str(registration or ""),
    )
    if since is not None:
        queryset = queryset.filter(updated__gt=since)
    return list(queryset.order_by("document_id").values_list("document_id", flat=True))


def ids_format(statement: dict) -> dict:
    """The statement in the "ids" format: Agents and Groups only by their identifier (a Group's
    members too), Activities only by id, verbs without display."""

    def agent(value):
        if not isinstance(value, dict):
            return value
        kept = {
            k: v
            for k, v in value.items()
            if k in ("objectType", "mbox", "mbox_sha1sum", "openid", "account")
        }
        if "member" in value:
            kept["member"] = [agent(m) for m in value["member"]]
        return kept

    def activity(value):
        return {k: v for k, v in value.items() if k in ("objectType", "id")}

    def body(value: dict) -> dict:
        result = dict(value)
        result["actor"] = agent(value["actor"])
        result["verb"] = {"id": value["verb"]["id"]}
        obj = value["object"]
        object_type = obj.get("objectType", "Activity")
        if object_type == "Activity":
            result["object"] = activity(obj)
        elif object_type in ("Agent", "Group"):
            result["object"] = agent(obj)
        elif object_type == "SubStatement":
            result["object"] = body(obj)
        if "context" in value:
            context = dict(value["context"])
            for key in ("instructor", "team"):
                if key in context:
                    context[key] = agent(context[key])
            if "contextActivities" in context:
                context["contextActivities"] = {
                    key: [activity(a) for a in (listed if isinstance(listed, list) else [listed])]
                    for key, listed in context["contextActivities"].items()
                }
            result["context"] = context
        if "authority" in value:
            result["authority"] = agent(value["authority"])
        return result

    return body(statement)
