"""The content app's model registry: Django finds the app's models here. Code imports a model from
its feature package (content.glossary.models, ...), never through this module."""

from content.glossary.models import EntryStatus, GlossaryIndexPage, IndicatorPage, TermPage
from content.home import HomePage
from content.resources.models import ResourceDownload, ResourceIndexPage, ResourceKind, ResourcePage
from content.ta.models import TAKind, TARequest, TARequestAttachment, TARequestEvent, TAStatus
from content.taxonomy import IssueArea

__all__ = [
    "EntryStatus",
    "GlossaryIndexPage",
    "HomePage",
    "IndicatorPage",
    "IssueArea",
    "ResourceDownload",
    "ResourceIndexPage",
    "ResourceKind",
    "ResourcePage",
    "TAKind",
    "TARequest",
    "TARequestAttachment",
    "TARequestEvent",
    "TAStatus",
    "TermPage",
]
