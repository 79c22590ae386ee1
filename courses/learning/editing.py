"""The page editor's "add" form, made safe for Wagtail's autosave.

Wagtail autosaves a new page by posting the add form in the background: the first autosave
creates the page, and the editor's script then points the form at the page's edit view. A
Publish (or Save draft) clicked while that autosave is on its way still goes to the add view,
which makes a second page with the same slug: "The slug ... is already in use", and every later
autosave and save of that form is refused the same way or leaves one more stray draft.

Each add form therefore carries an id (a hidden input next to its main button). The page an
add form's first save creates is remembered against the id in the editor's session, and any
later post of the same form, to the add view, edits that page instead of creating another. A
new add form gets a new id, so an editor's other drafts with the same slug are never touched.
"""

import json
import re
import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page

ADD_FORM_FIELD = "add_form_id"
_SESSION_KEY = "add_form_pages"
_KEPT = 20  # an editor's most recent add forms; older ones have long been reloaded as edits
_FORM_ID = re.compile(r"[0-9a-f]{32}")


def add_form_id(request: HttpRequest) -> str:
    """The id of the add form being rendered: the posted one when a post is shown again
    (validation errors), else a new one."""
    posted = request.POST.get(ADD_FORM_FIELD, "") if request.method == "POST" else ""
    return posted if _FORM_ID.fullmatch(posted) else uuid.uuid4().hex


class _WithAddFormId:
    """The add form's main button (whatever it is), followed by the form's id: outside the
    drop-up, so it is posted with every save, publish and autosave of the form."""

    def __init__(self, item: ActionMenuItem, form_id: str):
        self.item = item
        self.form_id = form_id

    def __getattr__(self, name):
        if name == "item":  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self.item, name)

    def render_html(self, parent_context=None) -> str:
        hidden = format_html(
            '<input type="hidden" name="{}" value="{}">', ADD_FORM_FIELD, self.form_id
        )
        return self.item.render_html(parent_context) + hidden


def add_form_id_attach(menu_items: list, request: HttpRequest, context: dict) -> None:
    """`construct_page_action_menu`: gives the add form its id."""
    if context.get("view") != "create" or not menu_items:
        return
    menu_items[0] = _WithAddFormId(menu_items[0], add_form_id(request))


def _posted_form_id(request: HttpRequest) -> str | None:
    form_id = request.POST.get(ADD_FORM_FIELD, "")
    return form_id if _FORM_ID.fullmatch(form_id) else None


def add_form_page_remember(request: HttpRequest, page: Page) -> None:
    """`after_create_page`: the page this add form created (by autosave or a save)."""
    form_id = _posted_form_id(request)
    if form_id is None:
        return
    pages = dict(request.session.get(_SESSION_KEY, {}))
    pages.pop(form_id, None)
    pages[form_id] = page.pk
    request.session[_SESSION_KEY] = dict(list(pages.items())[-_KEPT:])


def _page_created_by_form(request: HttpRequest, parent_page: Page, page_class) -> Page | None:
    form_id = _posted_form_id(request)
    page_id = request.session.get(_SESSION_KEY, {}).get(form_id) if form_id else None
    if page_id is None:
        return None
    page = Page.objects.filter(pk=page_id).first()
    if page is None or page.specific_class is not page_class:
        return None
    parent = page.get_parent()
    if parent is None or parent.pk != parent_page.pk:
        return None
    return page


def add_form_post_continue(
    request: HttpRequest, parent_page: Page, page_class
) -> HttpResponse | None:
    """`before_create_page`: a post of an add form whose page already exists edits that page
    (with Wagtail's edit view, its permission checks and messages) instead of creating a
    second one. An autosave answer also points the editor's form at the edit view, as the
    add view's own first autosave does."""
    if request.method != "POST":
        return None
    page = _page_created_by_form(request, parent_page, page_class)
    if page is None:
        return None
    from wagtail.admin.views.pages.edit import EditView

    response = EditView.as_view()(request, page_id=page.pk)
    if not isinstance(response, JsonResponse) or response.status_code != 200:
        return response
    answer = json.loads(response.content)
    if not answer.get("success"):
        return response
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    answer["url"] = edit_url
    answer["hydrate_url"] = f"{edit_url}?_w_hydrate_create_view=1"
    answer.pop("html", None)  # the hydration brings the edit view's partials
    return JsonResponse(answer)
