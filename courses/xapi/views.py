"""The xAPI 1.0.3 resources under /xapi/: Statements, State, Activity Profile, Agent Profile and
About. Thin: parsing the request, authentication, then courses.xapi.store / selectors.

Authentication is by the Authorization header only (HTTP Basic with a per-launch credential id
and token, courses.xapi.credentials). No session cookie ever authorises a write here, and the
only thing a session gives is read access to statements for signed-in ORE staff (GET, which
changes nothing); a request with nothing but a session cookie is otherwise a 401. That is why
these views are exempt from Django's CSRF middleware: CSRF protects cookie-authenticated writes,
and there are none here (tests/courses/xapi/test_http_auth.py proves a cookie alone gets 401).

Cross-origin: the site serves package files from its own origin, so no CORS headers are sent,
unless settings.PACKAGE_FILES_ORIGIN names a separate origin for them: requests from exactly
that origin get the CORS headers xAPI clients need (never credentials-mode cookies).

Every response carries X-Experience-API-Version: 1.0.3; every request but About's must send a
1.0.x version (400 otherwise). Errors are JSON: {"error": "<message>"}.
"""

import base64
import json
import logging
import re
import uuid
from datetime import UTC

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from courses.xapi import policies, selectors, store
from courses.xapi.agents import agent_key
from courses.xapi.credentials import credential_authenticate
from courses.xapi.errors import XapiError
from courses.xapi.models import DocumentKind
from courses.xapi.validation import timestamp_parse, validate_agent

logger = logging.getLogger(__name__)

VERSION = "1.0.3"
_VERSION_ACCEPTED = re.compile(r"^1\.0(\.\d+)?$")
ORE_GROUPS = ("ORE editors", "ORE leads", "ORE analysts")
STATEMENT_FILTERS = {
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
}
SINGLE_PARAMS = {"statementId", "voidedStatementId", "format", "attachments"}
CURSOR_PARAM = "from"


def _is_ore(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=ORE_GROUPS).exists()


class Access:
    """Who is asking: a credential (a launched AU), or ORE staff reading with their session."""

    def __init__(self, credential=None, staff=None):
        self.credential = credential
        self.staff = staff

    @property
    def actor_key(self) -> str | None:
        """The only learner whose data this access may read (None: everyone, ORE staff)."""
        return self.credential.actor_key if self.credential else None


def _error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": str(message)}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
    return response


@method_decorator(csrf_exempt, name="dispatch")
class XapiView(View):
    http_method_names = ["get", "put", "post", "delete", "head", "options"]
    version_required = True
    authentication_required = True
    # ORE staff may read this resource with their session (GET/HEAD only)
    staff_may_read = False

    # GET responses of this resource carry X-Experience-API-Consistent-Through (errors too)
    consistent_through = False

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(m.upper() for m in self.http_method_names)
        else:
            try:
                response = self._handle(request, *args, **kwargs)
            except XapiError as error:
                response = _error(error.message, error.status)
        response["X-Experience-API-Version"] = VERSION
        if self.consistent_through and request.method in ("GET", "HEAD"):
            response["X-Experience-API-Consistent-Through"] = consistent_now()
        self._cors(request, response)
        return response

    def _handle(self, request, *args, **kwargs) -> HttpResponse:
        if self.version_required:
            version = request.headers.get("X-Experience-API-Version")
            if not version:
                raise XapiError(_("The X-Experience-API-Version header is required."), 400)
            if not _VERSION_ACCEPTED.match(version.strip()):
                raise XapiError(
                    _("xAPI version %(version)s is not supported (1.0.x is).")
                    % {"version": version[:20]},
                    400,
                )
        request.xapi = self._authenticate(request)
        handler = getattr(self, request.method.lower(), None)
        if handler is None:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return handler(request, *args, **kwargs)

    def _authenticate(self, request) -> Access:
        if not self.authentication_required:
            return Access()
        if "Authorization" in request.headers:
            return Access(credential=credential_authenticate(request.headers["Authorization"]))
        if self.staff_may_read and request.method in ("GET", "HEAD") and _is_ore(request.user):
            return Access(staff=request.user)
        raise XapiError(_("Credentials are required (HTTP Basic: credential id and token)."), 401)

    @staticmethod
    def _cors(request, response) -> None:
        origin = settings.PACKAGE_FILES_ORIGIN
        if not origin or request.headers.get("Origin") != origin.rstrip("/"):
            return
        response["Access-Control-Allow-Origin"] = request.headers["Origin"]
        response["Access-Control-Allow-Methods"] = "GET, PUT, POST, DELETE, OPTIONS"
        response["Access-Control-Allow-Headers"] = (
            "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match"
        )
        response["Access-Control-Expose-Headers"] = (
            "ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through"
        )
        response["Access-Control-Max-Age"] = "600"
        response["Vary"] = "Origin"


def _json_body(request):
    content_type = (request.content_type or "").lower()
    if content_type.startswith("multipart/"):
        raise XapiError(_("Statements with attachment data (multipart) are not accepted."), 400)
    if content_type != "application/json":
        raise XapiError(_("Send statements as application/json."), 400)
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise XapiError(_("The body is not valid JSON."), 400) from error


def _agent_param(request, name="agent", required=True):
    raw = request.GET.get(name)
    if raw is None:
        if required:
            raise XapiError(_("The %(name)s parameter is required.") % {"name": name}, 400)
        return None
    try:
        agent = json.loads(raw)
    except ValueError as error:
        raise XapiError(_("%(name)s must be an Agent as JSON.") % {"name": name}, 400) from error
    validate_agent(agent, name)
    return agent


def _iri_param(request, name, required=True):
    value = request.GET.get(name)
    if value is None or value == "":
        if required:
            raise XapiError(_("The %(name)s parameter is required.") % {"name": name}, 400)
        return ""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$", value):
        raise XapiError(_("%(name)s must be an IRI.") % {"name": name}, 400)
    return value


def _uuid_param(request, name):
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise XapiError(_("%(name)s must be a UUID.") % {"name": name}, 400) from error


def _bool_param(request, name):
    value = request.GET.get(name, "false").lower()
    if value not in ("true", "false"):
        raise XapiError(_("%(name)s must be true or false.") % {"name": name}, 400)
    return value == "true"


def _time_param(request, name):
    value = request.GET.get(name)
    return timestamp_parse(value, name) if value is not None else None


def consistent_now() -> str:
    """Now, as xAPI timestamps are written (UTC, milliseconds, "Z")."""
    return timezone.now().astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class StatementsView(XapiView):
    staff_may_read = True
    consistent_through = True

    def put(self, request):
        statement_id = _uuid_param(request, "statementId")
        if statement_id is None:
            raise XapiError(_("PUT needs the statementId parameter."), 400)
        statement = _json_body(request)
        if not isinstance(statement, dict):
            raise XapiError(_("PUT takes one statement (a JSON object)."), 400)
        if "id" in statement:
            try:
                same = uuid.UUID(str(statement["id"])) == statement_id
            except ValueError:
                same = False
            if not same:
                raise XapiError(
                    _("The statement's id differs from the statementId parameter."), 400
                )
        statement = {**statement, "id": str(statement_id)}
        store.statements_store(statements=[statement], credential=request.xapi.credential)
        return HttpResponse(status=204)

    def post(self, request):
        body = _json_body(request)
        statements = body if isinstance(body, list) else [body]
        ids = store.statements_store(statements=statements, credential=request.xapi.credential)
        return JsonResponse(ids, safe=False)

    def get(self, request):
        params = set(request.GET)
        response_format = request.GET.get("format", "exact")
        if response_format not in ("ids", "exact", "canonical"):
            raise XapiError(_("format must be ids, exact or canonical."), 400)
        _bool_param(request, "attachments")  # attachments are only ever fileUrl references
        single = params & {"statementId", "voidedStatementId"}
        if single:
            if len(single) > 1 or params - SINGLE_PARAMS:
                raise XapiError(_("statementId and voidedStatementId take no other filter."), 400)
            name = single.pop()
            statement = selectors.statement_get(
                statement_id=_uuid_param(request, name),
                voided=name == "voidedStatementId",
                actor_key=request.xapi.actor_key,
            )
            if statement is None:
                raise XapiError(_("No such statement."), 404)
            response = JsonResponse(self._formatted(statement, response_format))
            response["Last-Modified"] = http_date(
                timestamp_parse(statement["stored"], "stored").timestamp()
            )
            return response
        unknown = params - STATEMENT_FILTERS - {CURSOR_PARAM}
        if unknown:
            raise XapiError(
                _("Unknown parameters: %(names)s") % {"names": ", ".join(sorted(unknown))}, 400
            )
        verb = _iri_param(request, "verb", required=False)
        activity = _iri_param(request, "activity", required=False)
        try:
            limit = int(request.GET.get("limit", "0"))
        except ValueError:
            limit = -1
        if limit < 0:
            raise XapiError(_("limit must be a whole number, 0 or more."), 400)
        query = selectors.StatementQuery(
            agent=_agent_param(request, required=False),
            verb=verb or None,
            activity=activity or None,
            registration=_uuid_param(request, "registration"),
            related_activities=_bool_param(request, "related_activities"),
            related_agents=_bool_param(request, "related_agents"),
            since=_time_param(request, "since"),
            until=_time_param(request, "until"),
            limit=limit,
            ascending=_bool_param(request, "ascending"),
            after=self._cursor(request.GET.get(CURSOR_PARAM)),
            actor_key=request.xapi.actor_key,
        )
        statements, last = selectors.statements_page(query)
        more = ""
        if last is not None:
            kept = [(k, v) for k, v in request.GET.items() if k != CURSOR_PARAM]
            token = base64.urlsafe_b64encode(f"{last[0].isoformat()}|{last[1]}".encode()).decode()
            more = f"{request.path}?{urlencode([*kept, (CURSOR_PARAM, token)])}"
        response = JsonResponse(
            {
                "statements": [self._formatted(s, response_format) for s in statements],
                "more": more,
            }
        )
        return response

    @staticmethod
    def _cursor(token):
        if token is None:
            return None
        try:
            stored, pk = base64.urlsafe_b64decode(token.encode()).decode().split("|")
            return timestamp_parse(stored, CURSOR_PARAM), int(pk)
        except (ValueError, XapiError, UnicodeDecodeError) as error:
            raise XapiError(_("The more link is not valid."), 400) from error

    @staticmethod
    def _formatted(statement, response_format):
        return selectors.ids_format(statement) if response_format == "ids" else statement


class DocumentView(XapiView):
    """What the three document resources share; subclasses say which parameters name a
    document and what a credential may touch."""

    kind = ""
    id_param = ""
    # Activity and Agent Profiles: replacing an existing document needs If-Match/If-None-Match.
    require_precondition = True

    def scope(self, request, *, write: bool) -> dict:
        raise NotImplementedError

    def get(self, request):
        scope = self.scope(request, write=False)
        document_id = request.GET.get(self.id_param)
        if document_id is None:
            ids = selectors.document_ids(**scope, since=_time_param(request, "since"))
            return JsonResponse(ids, safe=False)
        document = store.document_get(**scope, document_id=document_id)
        if document is None:
            raise XapiError(_("No such document."), 404)
        response = HttpResponse(bytes(document.content), content_type=document.content_type)
        response["ETag"] = f'"{document.etag}"'
        response["Last-Modified"] = http_date(document.updated.timestamp())
        return response

    def _document_id(self, request) -> str:
        document_id = request.GET.get(self.id_param)
        if not document_id:
            raise XapiError(_("The %(name)s parameter is required.") % {"name": self.id_param}, 400)
        return document_id

    def _write_check(self, request, scope: dict, document_id) -> None:
        """A write with a credential passes the document policies (cmi5: LMS.LaunchData is the
        LMS's alone)."""
        if request.xapi.credential is not None:
            policies.document_policies_run(
                credential=request.xapi.credential,
                kind=self.kind,
                activity_id=scope.get("activity_id", ""),
                document_id=document_id,
            )

    def put(self, request):
        scope = self.scope(request, write=True)
        self._write_check(request, scope, self._document_id(request))
        document = store.document_put(
            **scope,
            document_id=self._document_id(request),
            content=request.body,
            content_type=request.content_type or "application/octet-stream",
            if_match=request.headers.get("If-Match"),
            if_none_match=request.headers.get("If-None-Match"),
            require_precondition=self.require_precondition,
        )
        response = HttpResponse(status=204)
        response["ETag"] = f'"{document.etag}"'
        return response

    def post(self, request):
        scope = self.scope(request, write=True)
        self._write_check(request, scope, self._document_id(request))
        document = store.document_merge(
            **scope,
            document_id=self._document_id(request),
            content=request.body,
            content_type=request.content_type or "",
            if_match=request.headers.get("If-Match"),
            if_none_match=request.headers.get("If-None-Match"),
        )
        response = HttpResponse(status=204)
        response["ETag"] = f'"{document.etag}"'
        return response

    def delete(self, request):
        scope = self.scope(request, write=True)
        document_id = request.GET.get(self.id_param)
        if document_id is None and self.kind != DocumentKind.STATE:
            raise XapiError(_("The %(name)s parameter is required.") % {"name": self.id_param}, 400)
        self._write_check(request, scope, document_id)
        store.documents_delete(
            **scope, document_id=document_id, if_match=request.headers.get("If-Match")
        )
        return HttpResponse(status=204)

    @staticmethod
    def _own_agent(request, agent) -> None:
        credential = request.xapi.credential
        if credential is not None and agent_key(agent) != credential.actor_key:
            raise XapiError(_("These credentials may only use their own learner's documents."), 403)


class StateView(DocumentView):
    kind = DocumentKind.STATE
    id_param = "stateId"
    require_precondition = False

    def scope(self, request, *, write):
        agent = _agent_param(request)
        self._own_agent(request, agent)
        registration = _uuid_param(request, "registration")
        credential = request.xapi.credential
        if (
            credential is not None
            and credential.registration is not None
            and registration is not None
            and registration != credential.registration
        ):
            raise XapiError(_("These credentials may only use their own registration."), 403)
        return {
            "kind": self.kind,
            "activity_id": _iri_param(request, "activityId"),
            "agent": agent,
            "registration": str(registration) if registration else "",
        }


class ActivityProfileView(DocumentView):
    kind = DocumentKind.ACTIVITY_PROFILE
    id_param = "profileId"

    def scope(self, request, *, write):
        activity_id = _iri_param(request, "activityId")
        credential = request.xapi.credential
        if write and credential is not None and activity_id != credential.activity_id:
            raise XapiError(
                _("These credentials may only change their own activity's profile."), 403
            )
        return {"kind": self.kind, "activity_id": activity_id}


class AgentProfileView(DocumentView):
    kind = DocumentKind.AGENT_PROFILE
    id_param = "profileId"

    def scope(self, request, *, write):
        agent = _agent_param(request)
        self._own_agent(request, agent)
        return {"kind": self.kind, "agent": agent}


class ActivitiesView(XapiView):
    """GET /xapi/activities?activityId=…: the Activity with the definition of the newest
    statement that names it as its object (or just its id)."""

    staff_may_read = True

    def get(self, request):
        activity_id = _iri_param(request, "activityId")
        definition = selectors.activity_definition(activity_id=activity_id)
        activity = {"objectType": "Activity", "id": activity_id}
        if definition:
            activity["definition"] = definition
        return JsonResponse(activity)


class AgentsView(XapiView):
    """GET /xapi/agents?agent=…: the Person this store knows the Agent as (its own identifier;
    the store keeps no other facts about people)."""

    staff_may_read = True

    def get(self, request):
        agent = _agent_param(request)
        if agent.get("objectType") == "Group":
            raise XapiError(_("agent must be an Agent, not a Group."), 400)
        person: dict = {"objectType": "Person"}
        for key in ("name", "mbox", "mbox_sha1sum", "openid", "account"):
            if key in agent:
                person[key] = [agent[key]]
        return JsonResponse(person)


class AboutView(XapiView):
    """GET /xapi/about: the versions this store speaks. Open (it tells nothing about anyone),
    and answered whatever version header the client sends, as xAPI asks."""

    version_required = False
    authentication_required = False

    def get(self, request):
        return JsonResponse({"version": [VERSION], "extensions": {}})
