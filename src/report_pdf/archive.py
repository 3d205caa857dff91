"""What makes the PDF an archival record: PDF/A-3a, metadata from the content,
and the indicators embedded as machine-readable data.

PDF/A-3 rather than 2: the same archival rules, and it lets the PDF carry the
indicator data it was made from (``indicators.json``, relationship Data), so
an archive keeps the figures as data, not only as print. Level A: the PDF is
tagged, its structure tree (title, heads, paragraphs, figures with their
values as alternate text, tables with header cells) in reading order. Every date comes
from the content (report.yaml's ``date``, else the signature's); a report
without one gets no creation date, and the attachment, for which WeasyPrint
needs a date, the fixed placeholder 1980-01-01 (the reproducible-builds
convention of zip), never the clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from . import __version__
from .model import Report
from .project import TEXT_FILE

PDF_VARIANT = "pdf/a-3a"  # tagged: a structure tree in reading order
DATA_FILE = "indicators.json"
PLACEHOLDER_DATE = datetime(1980, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class DocumentMetadata:
    """What goes into the PDF's document information and XMP metadata."""

    title: str
    author: str | None
    subject: str
    keywords: tuple[str, ...]
    generator: str
    date: str | None  # ISO 8601


@dataclass(frozen=True)
class EmbeddedFile:
    name: str
    data: bytes
    description: str
    relationship: str
    date: datetime


def document_metadata(report: Report) -> DocumentMetadata:
    document = report.document
    author = (document.signature.authority if document.signature
              and document.signature.authority else
              document.colophon.printed_by if document.colophon else None)
    subject = report.title
    titles = ([report.summary_table.title] if report.summary_table and report.indicators
              else []) + [attachment.title for attachment in report.attachments]
    if titles:
        subject += "，附件：" + "；".join(titles)
    keywords = tuple(head.title for head in report.heads if head.level == 1)
    return DocumentMetadata(report.title, author, subject, keywords,
                            f"report_pdf {__version__}", report.iso_date)


def indicator_data(report: Report) -> EmbeddedFile:
    """The indicators as JSON: what the summary table and the charts show."""
    records = [{
        "id": indicator.id,
        "label": indicator.label,
        "value": indicator.value_text,
        "approximate": indicator.approx or None,
        "unit": indicator.unit,
        "section": indicator.section.name,
        "source": f"{TEXT_FILE}:{indicator.found_at.line}:{indicator.found_at.column}",
    } for indicator in report.indicators]
    data = json.dumps({"title": report.title, "indicators": records}, ensure_ascii=False,
                      indent=2).encode("utf-8") + b"\n"
    date = (datetime.fromisoformat(report.iso_date).replace(tzinfo=timezone.utc)
            if report.iso_date else PLACEHOLDER_DATE)
    return EmbeddedFile(DATA_FILE, data, f"{report.title}：主要指标数据", "Data", date)
