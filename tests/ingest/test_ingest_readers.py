from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from detente.ingest import clean_text, parse_published, read_paths
from detente.models import Article, Skipped

ENGLISH = (
    "The foreign ministers of the two countries met in the capital on Tuesday and agreed "
    "to expand trade, according to a statement that was released after the talks."
)
OTHER_ENGLISH = (
    "Troops from the neighbouring state were withdrawn from the border area after the "
    "ceasefire, and officials said that the crossing would be opened for aid convoys."
)
FRENCH = (
    "Les ministres des affaires étrangères des deux pays se sont réunis dans la capitale "
    "et ont convenu de renforcer leur coopération, selon un communiqué publié par le "
    "ministère après la réunion."
)


def _write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _one(paths: list[str | Path], **kwargs: object) -> Article | Skipped:
    results = list(read_paths(paths, **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1, results
    return results[0]


def test_text_file_uses_stem_as_id(tmp_path: Path) -> None:
    article = _one([_write(tmp_path / "report-1.txt", ENGLISH)])
    assert isinstance(article, Article)
    assert article.id == "report-1"
    assert article.text == ENGLISH
    assert article.published is None
    assert article.language == "en"
    assert article.source == str(tmp_path / "report-1.txt")


def test_sidecar_gives_title_url_and_date(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ENGLISH)
    _write(
        tmp_path / "a.json",
        json.dumps({"title": "Talks", "url": "https://example.org/a", "published": "2024-03-05"}),
    )
    article = _one([tmp_path / "a.txt"])
    assert isinstance(article, Article)
    assert (article.title, article.url, article.published) == (
        "Talks",
        "https://example.org/a",
        date(2024, 3, 5),
    )


def test_date_argument_overrides_sidecar_and_dateline(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Ankara, October 12, 2025 – " + ENGLISH)
    _write(tmp_path / "a.json", json.dumps({"published": "2024-03-05"}))
    article = _one([tmp_path / "a.txt"], date=date(2020, 1, 2))
    assert isinstance(article, Article)
    assert article.published == date(2020, 1, 2)


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Ankara, October 12, 2025 – ", date(2025, 10, 12)),
        ("BRUSSELS, June 5, 2023 (Reuters) - ", date(2023, 6, 5)),
        ("Nairobi, 14 February 2024 — ", date(2024, 2, 14)),
        ("March 3, 2024 — ", date(2024, 3, 3)),
        ("WASHINGTON (AP) — ", None),
        ("", None),
    ],
)
def test_dateline_gives_date_when_nothing_else_does(
    tmp_path: Path, opening: str, expected: date | None
) -> None:
    article = _one([_write(tmp_path / "d.txt", opening + ENGLISH)])
    assert isinstance(article, Article)
    assert article.published == expected


def test_text_is_cleaned(tmp_path: Path) -> None:
    raw = "\ufeff\r\n" + ENGLISH.replace(", according", "  \r\naccording") + "   \r\n\r\n"
    article = _one([_write(tmp_path / "c.txt", raw)])
    assert isinstance(article, Article)
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.text.startswith("The foreign") and article.text.endswith("talks.")
    assert " \n" not in article.text


def test_clean_text_keeps_inner_spacing() -> None:
    assert clean_text("a  b\r\nc \n\n\nd\n") == "a  b\nc\n\n\nd"


def test_utf8_with_bom_is_read(tmp_path: Path) -> None:
    article = _one([_write(tmp_path / "b.txt", b"\xef\xbb\xbf" + ENGLISH.encode())])
    assert isinstance(article, Article)
    assert article.text == ENGLISH


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    page = f"""<html><head><title>Ministers agree | News</title>
    <meta property="article:published_time" content="2025-10-12T08:30:00Z">
    </head><body><nav>Home | World | Sport</nav>
    <article><h1>Ministers agree</h1><p>{ENGLISH}</p><p>{OTHER_ENGLISH}</p></article>
    <footer>Copyright</footer></body></html>"""
    article = _one([_write(tmp_path / "page.html", page)])
    assert isinstance(article, Article)
    assert article.id == "page"
    assert "foreign ministers" in article.text
    assert "Copyright" not in article.text
    assert article.title == "Ministers agree | News"
    assert article.published == date(2025, 10, 12)


def test_html_falls_back_to_tag_stripping(tmp_path: Path) -> None:
    page = f"<html><body><div>{ENGLISH}</div></body></html>"
    article = _one([_write(tmp_path / "tiny.htm", page)])
    assert isinstance(article, Article)
    assert "foreign ministers" in article.text


def test_jsonl_reads_each_line_and_skips_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "title": "A", "published": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"text": OTHER_ENGLISH}),
        "",
        json.dumps({"id": "c", "text": OTHER_ENGLISH, "published": "2024-01-03T10:00:00+02:00"}),
    ]
    corpus = _write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    results = list(read_paths([corpus]))
    assert [type(result).__name__ for result in results] == [
        "Article", "Skipped", "Skipped", "Skipped", "Article"
    ]  # fmt: skip
    first, bad_json, no_text, no_id, last = results
    assert isinstance(first, Article) and first.id == "a" and first.published == date(2024, 1, 2)
    assert isinstance(bad_json, Skipped) and bad_json.source == f"{corpus}:2"
    assert bad_json.reason.startswith("invalid JSON")
    assert isinstance(no_text, Skipped) and no_text.reason == "no text"
    assert no_text.source == f"{corpus}:3"
    assert isinstance(no_id, Skipped) and no_id.reason == "no id"
    assert isinstance(last, Article) and last.published == date(2024, 1, 3)


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", OTHER_ENGLISH)
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "c.md", ENGLISH + " More.")
    _write(tmp_path / "a.txt", ENGLISH)
    _write(tmp_path / "a.json", json.dumps({"title": "Sidecar"}))
    _write(tmp_path / ".hidden.txt", ENGLISH + " Hidden.")
    results = list(read_paths([tmp_path]))
    assert [result.id for result in results if isinstance(result, Article)] == ["a", "b", "c"]
    assert all(isinstance(result, Article) for result in results)
    assert results[0].title == "Sidecar"  # type: ignore[union-attr]


def test_symlink_loop_is_seen_at_once_and_each_file_read_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # followed, the loop went 40 links deep and read a.txt 41 times (#10)
    _write(tmp_path / "a.txt", ENGLISH)
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "b.txt", OTHER_ENGLISH)
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    results = list(read_paths([tmp_path]))
    assert [(r.id, r.source) for r in results] == [  # type: ignore[union-attr]
        ("a", str(tmp_path / "a.txt")),
        ("b", str(tmp_path / "sub" / "b.txt")),
    ]
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning == (
        f"not reading {tmp_path / 'sub' / 'back'}: a symbolic link loop back to {tmp_path}"
    )


def test_second_link_to_a_folder_is_not_read_twice(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "real").mkdir()
    _write(tmp_path / "real" / "a.txt", ENGLISH)
    (tmp_path / "z-link").symlink_to(tmp_path / "real", target_is_directory=True)
    results = list(read_paths([tmp_path, tmp_path / "real"]))
    assert [r.id for r in results] == ["a"]  # type: ignore[union-attr]
    assert [r.getMessage() for r in caplog.records] == [
        f"not reading {tmp_path / 'z-link'}: already read as {tmp_path / 'real'}",
        f"not reading {tmp_path / 'real'}: already read as {tmp_path / 'real'}",
    ]


def test_folder_that_cannot_be_listed_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    _write(tmp_path / "locked" / "a.txt", ENGLISH)
    listing = Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self.name == "locked":
            raise PermissionError(13, "Permission denied")
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", refuse)  # chmod 0 does not stop root
    [skipped] = read_paths([tmp_path])
    assert skipped == Skipped(
        source=str(tmp_path / "locked"), reason="unreadable: Permission denied"
    )


def test_stdin_is_one_document() -> None:
    article = _one(["-"], stdin=io.StringIO(ENGLISH))
    assert isinstance(article, Article)
    assert (article.id, article.source) == ("stdin", "-")


def _reason(paths: list[str | Path], **kwargs: object) -> str:
    skipped = _one(paths, **kwargs)
    assert isinstance(skipped, Skipped), skipped
    return skipped.reason


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    assert (
        _reason([_write(tmp_path / "x.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")])
        == "binary file"
    )


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_file_is_skipped(tmp_path: Path, content: str) -> None:
    assert _reason([_write(tmp_path / "e.txt", content)]) == "empty"


def test_cp1252_file_is_not_utf8(tmp_path: Path) -> None:
    data = "The minister\u2019s visit was brief.".encode("cp1252")
    offset = data.index(b"\x92")
    reason = _reason([_write(tmp_path / "w.txt", data)])
    assert reason == f"not UTF-8 (byte 0x92 at offset {offset})"


def test_utf16_file_is_not_utf8(tmp_path: Path) -> None:
    reason = _reason([_write(tmp_path / "u.txt", ENGLISH.encode("utf-16"))])
    assert reason.startswith("not UTF-8")


def test_non_english_file_is_skipped(tmp_path: Path) -> None:
    assert _reason([_write(tmp_path / "f.txt", FRENCH)]) == "not English (looks like French)"


def test_file_over_the_limit_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", ENGLISH * 10)
    size = path.stat().st_size
    assert _reason([path], max_bytes=1000) == f"{size / 1e3:.1f} KB is over the 1.0 KB limit"


def test_size_message_reads_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(12_300_000)  # sparse: no 12 MB written
    assert _reason([path]) == "12.3 MB is over the 5.0 MB limit"


def test_missing_path_is_skipped_and_batch_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path / "g.txt", ENGLISH)
    results = list(read_paths([tmp_path / "nope.txt", good]))
    assert isinstance(results[0], Skipped)
    assert results[0].source == str(tmp_path / "nope.txt")
    assert results[0].reason == "no such file or folder"
    assert isinstance(results[1], Article)


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "locked.txt", ENGLISH)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)  # chmod 0 does not stop root
    assert _reason([path]) == "unreadable: Permission denied"


def test_exact_duplicate_is_skipped_when_asked(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ENGLISH)
    _write(tmp_path / "b.txt", "  " + ENGLISH.upper().replace(" ", "  ") + "\n")
    results = list(read_paths(dedupe=True, paths=[tmp_path]))
    assert isinstance(results[0], Article)
    assert results[1] == Skipped(source=str(tmp_path / "b.txt"), reason="duplicate of a")


def test_exact_duplicates_are_two_reports_by_default(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ENGLISH)
    _write(tmp_path / "b.txt", ENGLISH)
    assert [getattr(r, "id", None) for r in read_paths([tmp_path])] == ["a", "b"]


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    _write(tmp_path / "x" / "r.txt", ENGLISH)
    _write(tmp_path / "y" / "r.txt", OTHER_ENGLISH)
    ids = [result.id for result in read_paths([tmp_path]) if isinstance(result, Article)]
    assert ids[0] == "r" and ids[1].startswith("r_") and len(set(ids)) == 2


def test_read_paths_is_lazy(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ENGLISH)
    results = read_paths([tmp_path / "a.txt", tmp_path / "missing"])
    assert isinstance(next(results), Article)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-12", date(2025, 10, 12)),
        ("2025-10-12T23:30:00Z", date(2025, 10, 12)),
        ("2025-10-12T23:30:00+03:00", date(2025, 10, 12)),
        ("12/10/2025", None),
        ("", None),
        (None, None),
        (20251012, None),
    ],
)
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected
