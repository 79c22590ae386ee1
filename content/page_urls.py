"""The site's pages: Wagtail's view through the pages cache (content.page_cache), then Wagtail's
own patterns (the same page pattern, and its password and sign-in utilities)."""

from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls

from content import page_cache

urlpatterns = [
    re_path(wagtail_urls.serve_pattern, page_cache.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
