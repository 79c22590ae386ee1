from .glossary import (
    EntryStatus,
    GlossaryIndexPage,
    IndicatorPage,
    TermPage,
)
from .home import HomePage
from .resources import ResourceDownload, ResourceIndexPage, ResourceKind, ResourcePage
from .ta import TAKind, TARequest, TARequestAttachment, TARequestEvent, TAStatus
from .taxonomy import IssueArea

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
