from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from django.views.decorators.http import require_POST
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LogoutView as AdminLogoutView
from wagtail.documents.views.serve import serve as document_serve

from . import views
from .security import not_a_record_id
from .users import views as user_views

# Both admin sign-in forms are routed through allauth's, so its rate limits cover every sign-in
# (and a signed-in person without access gets the 403 page instead of a redirect loop).
sign_in = views.admin_sign_in

urlpatterns = [
    path("health/", views.health, name="health"),
    # The load bench's floor: a 404 unless BENCH_FLOOR_VIEW is on.
    path("health/floor/", views.floor, name="health_floor"),
    path("admin/login/", sign_in),
    # Wagtail's admin sign-out deletes the session cookie even for a GET (which it then answers
    # 405), so a link from anywhere signed an editor out: only a POST (its menu's form) gets there.
    path("admin/logout/", require_POST(AdminLogoutView.as_view())),
    # Wagtail's document chooser looks any text up as a document id ("x" was a 500): ids only.
    re_path(r"^admin/documents/chooser/chosen/(?![0-9]{1,18}/$)[^/]*/$", not_a_record_id),
    path("django-admin/login/", sign_in),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    # Course documents (videos, captions, handouts) are for signed-in employees.
    re_path(r"^documents/(\d+)/(.*)$", login_required(document_serve), name="wagtaildocs_serve"),
    # Email addresses come from the roster (HR): nobody adds or swaps one here.
    path("accounts/email/", user_views.email_addresses_from_roster),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("learn/", include("courses.urls")),
    path("certificates/", include("courses.certificates.urls")),
    path("liaison/", include("courses.workbench.urls")),
    path("analytics/releases/", include("analytics.releases.urls")),
    path("analytics/", include("analytics.citywide.urls")),
    path("sessions/", include("courses.sessions.urls")),
    path("api/", include("content.glossary.urls")),
    # ORE's automation API (token only; its own paths, after the glossary's open data).
    path("api/", include("courses.api.urls")),
    path("downloads/", include("content.resources.urls")),
    path("ta/", include("content.ta.urls")),
    # xAPI 1.0.3 statement store (per-launch credentials; no trailing slashes, as xAPI names them)
    path("xapi/", include("courses.xapi.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages: Wagtail's view, with the course tree's routes kept per published version
# (content.page_cache), then Wagtail's own patterns.
urlpatterns.append(path("", include("content.page_urls")))
