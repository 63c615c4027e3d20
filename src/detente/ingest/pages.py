"""What a page's HTML says: its main text (by trafilatura), its title, and the URL and
publication date its metadata state. readers.py makes an Article of it (`html_article`)."""

from __future__ import annotations

import html
import re
from datetime import date

from detente.ingest._util import parse_published


def extract_html(page: str) -> tuple[str, str | None]:
    """Main text and title of a page: trafilatura, or plain tag stripping if it finds nothing."""
    import trafilatura  # half a second to import: only when there is HTML to read

    text = (
        trafilatura.extract(
            page, include_comments=False, include_tables=False, favor_precision=True
        )
        or ""
    )
    if not text.strip():
        text = _strip_tags(page)
    title_match = _TITLE.search(page)
    title = meta_content(page, _TITLE_META) or (
        " ".join(html.unescape(title_match.group(1)).split()) if title_match else None
    )
    return text, title or None


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SCRIPT = re.compile(
    r"<(script|style|noscript|template|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|tr|section|article|blockquote)\b[^>]*>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TITLE_META = ("og:title", "twitter:title")
URL_META = ("og:url",)
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _strip_tags(page: str) -> str:
    page = _COMMENT.sub("", page)
    page = _SCRIPT.sub("", page)
    page = _BLOCK.sub("\n", page)
    text = html.unescape(_TAG.sub("", page))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def meta_content(page: str, names: tuple[str, ...]) -> str | None:
    """The content of the first <meta> whose name/property/itemprop is one of names."""
    found: dict[str, str] = {}
    for tag in _META.findall(page[:200_000]):
        attributes = {
            key.lower(): html.unescape(double or single)
            for key, double, single in _ATTRIBUTE.findall(tag)
        }
        content = attributes.get("content", "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = attributes.get(attribute, "").lower()
            if key and key not in found:
                found[key] = content
    for name in names:
        if name in found:
            return found[name]
    return None


def html_published(page: str) -> date | None:
    """The publication date the page states in its metadata; never guessed from the text."""
    value = meta_content(page, _PUBLISHED_META)
    if value is None:
        match = _JSON_LD_DATE.search(page)
        value = match.group(1) if match else None
    return parse_published(value)
