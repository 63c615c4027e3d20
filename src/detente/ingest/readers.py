"""Read documents from paths: text files (with an optional JSON sidecar), HTML pages,
JSONL corpora, folders and stdin.

`read_paths` yields an `Article` for each document it can read and a `Skipped` with the
reason for each one it cannot (binary, empty, not UTF-8, not English, too large, missing,
unreadable, a duplicate). One bad document never stops a batch.

The text an `Article` carries is the reference for every span downstream, so the cleaning
done here (newlines normalised, trailing spaces and a byte-order mark removed, Unicode NFC)
happens once, before the `Article` is made.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from detente.ingest._util import parse_published
from detente.ingest._util import too_large as _too_large
from detente.ingest.datelines import find_dateline
from detente.ingest.dedupe import text_key
from detente.ingest.language import non_english_reason
from detente.ingest.pages import URL_META, extract_html, html_published, meta_content
from detente.models import Article, Skipped

__all__ = ["clean_text", "html_article", "parse_published", "read_paths", "text_article"]

logger = logging.getLogger(__name__)

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 8192
_TRAILING_SPACE = re.compile(r"[ \t\f\v]+$", re.MULTILINE)


class _Reader:
    """The state of one read_paths run: ids, texts and folders seen so far."""

    def __init__(self, *, published: date | None, max_bytes: int, dedupe: bool = False) -> None:
        self.published = published
        self.max_bytes = max_bytes
        self.dedupe = dedupe
        self.seen_texts: dict[str, str] = {}  # text_key -> id of the first document
        self.seen_ids: set[str] = set()
        self.seen_folders: dict[tuple[int, int], Path] = {}  # (device, inode) -> path read as

    def finish(
        self,
        *,
        doc_id: str,
        text: str,
        source: str,
        title: str | None = None,
        url: str | None = None,
        published: date | None = None,
    ) -> Article | Skipped:
        """Clean, check and dedupe one document's text, then make its Article."""
        text = clean_text(text)
        if not text:
            return Skipped(source=source, reason="empty")
        reason = non_english_reason(text)
        if reason:
            return Skipped(source=source, reason=reason)
        key = text_key(text)
        if self.dedupe and key in self.seen_texts:
            return Skipped(source=source, reason=f"duplicate of {self.seen_texts[key]}")
        if doc_id in self.seen_ids:
            # same stem in two folders, or a repeated JSONL id: keep both, tell them apart
            doc_id = f"{doc_id}_{key[:8]}"
        self.seen_texts[key] = doc_id
        self.seen_ids.add(doc_id)
        when = self.published or published or find_dateline(text)
        return Article(
            id=doc_id,
            text=text,
            title=title or None,
            url=url or None,
            source=source,
            published=when,
            language="en",
        )


def read_paths(
    paths: Sequence[str | Path],
    *,
    date: date | None = None,
    max_bytes: int = 5_000_000,
    stdin: TextIO | None = None,
    dedupe: bool = False,
) -> Iterator[Article | Skipped]:
    """Yield one Article or Skipped per document found under paths, lazily, in a stable order.

    Two documents with the same text are both read by default, and the store keeps the
    second as a duplicate report of the first, counted once (#10). With `dedupe`, the
    second is skipped as a duplicate of the first.

    A folder is read recursively in sorted order, leaving out hidden files and `.json`
    sidecars, and each folder once (a symbolic link loop is not followed); "-" reads stdin
    as one document with id "stdin". `date` overrides every other source of the publication
    date (metadata, then a dateline in the text).
    """
    reader = _Reader(published=date, max_bytes=max_bytes, dedupe=dedupe)
    for given in paths:
        label = str(given)
        if label == "-":
            yield _read_stdin(reader, stdin if stdin is not None else sys.stdin)
            continue
        path = Path(given)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as err:
            yield Skipped(source=label, reason=f"unreadable: {err.strerror or err}")
            continue
        if not exists:
            yield Skipped(source=label, reason="no such file or folder")
        elif is_dir:
            for found in _walk(reader, path):
                if isinstance(found, Skipped):
                    yield found
                else:
                    yield from _read_file(reader, found, str(found))
        else:
            yield from _read_file(reader, path, label)


def clean_text(text: str) -> str:
    """The text as Articles carry it: NFC, "\\n" newlines, no trailing spaces or outer blank
    lines."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _TRAILING_SPACE.sub("", text)
    return text.strip("\n ").strip()


def _walk(reader: _Reader, folder: Path) -> Iterator[Path | Skipped]:
    """Files under folder, sorted, recursively; hidden names and .json sidecars left out.

    A folder this run has already read (a symbolic link back to a folder above it, or a
    second link to one folder) is not read again, and one warning says so. A folder that
    cannot be listed is a Skipped: the documents in it were not read.
    """
    try:
        info = folder.stat()
    except OSError as err:
        yield Skipped(source=str(folder), reason=f"unreadable: {err.strerror or err}")
        return
    identity = (info.st_dev, info.st_ino)
    first = reader.seen_folders.get(identity)
    if first is not None:
        # followed, a loop would go 40 links deep and read every file in it 40 times (#10)
        how = "a symbolic link loop back to" if first in folder.parents else "already read as"
        logger.warning("not reading %s: %s %s", folder, how, first)
        return
    reader.seen_folders[identity] = folder
    try:
        children = sorted(folder.iterdir(), key=lambda child: child.name)
    except OSError as err:
        yield Skipped(source=str(folder), reason=f"unreadable: {err.strerror or err}")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(reader, child)
        elif child.suffix.lower() != ".json":
            yield child


def _read_file(reader: _Reader, path: Path, label: str) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(reader, path, label)
        return
    data = _read_bytes(path, label, max_bytes=reader.max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    text = _decode(data, label)
    if isinstance(text, Skipped):
        yield text
        return
    if suffix in _HTML_SUFFIXES:
        yield _read_html(reader, text, path, label)
    elif suffix == ".json":
        yield from _read_json_records(reader, text, path, label)
    else:
        yield _read_text(reader, text, path, label)


def _read_bytes(path: Path, label: str, *, max_bytes: int) -> bytes | Skipped:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(source=label, reason=_too_large(size, max_bytes))
        return path.read_bytes()
    except OSError as err:
        return Skipped(source=label, reason=f"unreadable: {err.strerror or err}")


def _decode(data: bytes, label: str) -> str | Skipped:
    """UTF-8 (with or without a byte-order mark), or a Skipped that says why not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Skipped(source=label, reason="not UTF-8 (UTF-16 byte-order mark)")
    if _looks_binary(data[:_SNIFF_BYTES]):
        return Skipped(source=label, reason="binary file")
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = data[err.start]
        return Skipped(source=label, reason=f"not UTF-8 (byte 0x{byte:02x} at offset {err.start})")


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.1


def _read_text(reader: _Reader, text: str, path: Path, label: str) -> Article | Skipped:
    meta = _sidecar(path)
    return reader.finish(
        doc_id=path.stem,
        text=text,
        source=label,
        title=_string(meta.get("title")),
        url=_string(meta.get("url")),
        published=parse_published(meta.get("published")),
    )


def _sidecar(path: Path) -> dict[str, Any]:
    """NAME.json beside NAME.txt, if there is one and it holds a JSON object."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        logger.warning("ignoring sidecar %s: %s", sidecar, err)
        return {}
    return meta if isinstance(meta, dict) else {}


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _read_stdin(reader: _Reader, stream: TextIO) -> Article | Skipped:
    try:
        text = stream.read()
    except UnicodeDecodeError as err:
        return Skipped(
            source="-",
            reason=f"not UTF-8 (byte 0x{err.object[err.start]:02x} at offset {err.start})",
        )
    except OSError as err:
        return Skipped(source="-", reason=f"unreadable: {err.strerror or err}")
    if len(text.encode("utf-8", "surrogatepass")) > reader.max_bytes:
        return Skipped(
            source="-",
            reason=_too_large(len(text.encode("utf-8", "surrogatepass")), reader.max_bytes),
        )
    if "\x00" in text[:_SNIFF_BYTES]:
        return Skipped(source="-", reason="binary file")
    return reader.finish(doc_id="stdin", text=text, source="-")


def _read_jsonl(reader: _Reader, path: Path, label: str) -> Iterator[Article | Skipped]:
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Skipped(source=label, reason=f"unreadable: {err.strerror or err}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{label}:{number}"
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            if not raw.strip():
                continue
            if len(raw) > reader.max_bytes:
                yield Skipped(source=where, reason=_too_large(len(raw), reader.max_bytes))
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield Skipped(
                    source=where,
                    reason=f"not UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start})",
                )
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Skipped(source=where, reason=f"invalid JSON: {err.msg} (column {err.colno})")
                continue
            yield _from_record(reader, record, where, path)


def _read_json_records(
    reader: _Reader, text: str, path: Path, label: str
) -> Iterator[Article | Skipped]:
    """A .json file named on its own: one record, or a list of records as in JSONL."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield Skipped(source=label, reason=f"invalid JSON: {err.msg} (line {err.lineno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        where = label if len(records) == 1 else f"{label}[{number}]"
        yield _from_record(
            reader, record, where, path, default_id=path.stem if len(records) == 1 else None
        )


def _from_record(
    reader: _Reader, record: Any, where: str, path: Path, *, default_id: str | None = None
) -> Article | Skipped:
    if not isinstance(record, dict):
        return Skipped(source=where, reason="not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Skipped(source=where, reason="no text")
    doc_id = record.get("id", default_id)
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return Skipped(source=where, reason="no id")
    return reader.finish(
        doc_id=doc_id.strip(),
        text=text,
        source=where,
        title=_string(record.get("title")),
        url=_string(record.get("url")),
        published=parse_published(record.get("published")),
    )


def _read_html(reader: _Reader, page: str, path: Path, label: str) -> Article | Skipped:
    text, title = extract_html(page)
    meta = _sidecar(path)
    return reader.finish(
        doc_id=path.stem,
        text=text,
        source=label,
        title=_string(meta.get("title")) or title,
        url=_string(meta.get("url")) or meta_content(page, URL_META),
        published=parse_published(meta.get("published")) or html_published(page),
    )


def html_article(
    page: str,
    *,
    doc_id: str,
    source: str,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    date: date | None = None,
) -> Article | Skipped:
    """One HTML page read as the HTML file reader reads it: main text by trafilatura.

    `title`, `url` and `published` (a feed item's, say) win over the page's own metadata;
    `date` wins over everything, as in `read_paths`.
    """
    text, found_title = extract_html(page)
    return _Reader(published=date, max_bytes=len(page)).finish(
        doc_id=doc_id,
        text=text,
        source=source,
        title=title or found_title,
        url=url or meta_content(page, URL_META),
        published=published or html_published(page),
    )


def text_article(
    text: str,
    *,
    doc_id: str,
    source: str,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    date: date | None = None,
) -> Article | Skipped:
    """One plain-text document (a text/plain page, say) read as a text file is read."""
    return _Reader(published=date, max_bytes=len(text)).finish(
        doc_id=doc_id, text=text, source=source, title=title, url=url, published=published
    )
