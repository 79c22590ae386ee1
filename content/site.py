"""Where the site's pages are: the default site's root page (English; translations are copies)."""

from wagtail.models import Page, Site


def site_root() -> Page:
    """The default site's root page (the English home page)."""
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    return site.root_page.specific
