"""`detente ingest URL... / --feed` and `detente watch` against a loopback site.

Most tests put a fake pipeline in place of spaCy (as tests/cli/test_bad_documents.py
does): it stores each article with one sentence and no events, so they need no model.
The issue's own check (pages' text and their events stored) runs the real pipeline.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))

from loopback import Reply, Site, article_page, rss

from detente.cli import cli as detente
from detente.models import Article, Extraction, Sentence
from detente.store import Store, feed_states

RSS_TYPE = "application/rss+xml"
QUICK = ["--delay", "0", "--timeout", "0.5", "--retries", "0"]

STORIES = {
    "ankara-strikes": (
        "Turkey strikes PKK positions in northern Iraq",
        [
            (
                "ANKARA, February 14, 2024 - Turkish warplanes struck positions of the Kurdistan "
                "Workers' Party (PKK) in northern Iraq overnight, the Turkish Defence Ministry "
                "said."
            ),
            (
                "Iraqi Foreign Minister Fuad Hussein condemned the raids and accused Ankara of "
                "endangering civilians in the mountain villages of Duhok province."
            ),
        ],
    ),
    "doha-talks": (
        "Qatar hosts ceasefire talks",
        [
            (
                "DOHA, March 3, 2024 - Qatari Prime Minister Mohammed bin Abdulrahman Al Thani met "
                "Egyptian Foreign Minister Sameh Shoukry in Doha on Sunday to discuss a ceasefire."
            ),
            "Israel rejected the proposal, and Hamas accused Israel of stalling the negotiations.",
        ],
    ),
    "vilnius-nato": (
        "NATO allies send troops to Lithuania",
        [
            (
                "VILNIUS, June 2, 2024 - Germany deployed 500 soldiers to Lithuania on Tuesday, "
                "the German Defence Ministry said, as NATO reinforced its eastern flank."
            ),
            "Russia condemned the deployment and threatened to respond, the Kremlin said.",
        ],
    ),
}


def _fake_extract(articles: Iterable[Article], nlp: Any, **kwargs: Any) -> Iterator[Extraction]:
    for article in articles:
        sentence = Sentence(
            doc_id=article.id, index=0, start=0, end=len(article.text), text=article.text
        )
        yield Extraction(article=article, sentences=(sentence,))


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("detente.nlp.pipeline.build_nlp", lambda settings: None)
    monkeypatch.setattr("detente.nlp.pipeline.extract", _fake_extract)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DETENTE_MAX_BYTES", "DETENTE_BATCH_SIZE", "DETENTE_WORKERS", "DETENTE_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as site:
        yield site


class Wire:
    """A news site on the loopback site: story pages and the RSS feed that lists them."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.listed: list[str] = []

    def publish(self, name: str) -> str:
        title, paragraphs = STORIES[name]
        self.site.route(f"/news/{name}.html", Reply(body=article_page(title, paragraphs).encode()))
        self.listed.insert(0, name)  # newest first, as feeds list them
        items = [
            (self.site.url(f"/news/{n}.html"), STORIES[n][0], "Sun, 12 Oct 2025 08:00:00 GMT")
            for n in self.listed
        ]
        tag = f'"{len(self.listed)}"'  # the feed's ETag changes with its items
        self.site.route("/feed.xml", Reply(body=rss(items), content_type=RSS_TYPE, etag=tag))
        return self.site.url(f"/news/{name}.html")

    @property
    def feed(self) -> str:
        return self.site.url("/feed.xml")

    def fetched(self, name: str) -> int:
        return self.site.paths().count(f"/news/{name}.html")


@pytest.fixture
def wire(site: Site) -> Wire:
    wire = Wire(site)
    wire.publish("ankara-strikes")
    wire.publish("doha-talks")
    return wire


def _run(*args: str) -> Result:
    return CliRunner().invoke(detente, list(args), catch_exceptions=False)


def _documents(db: Path) -> dict[str, tuple[str, str, int]]:
    """url -> (title, text, events) of every stored document."""
    with Store.open(db, read_only=True) as store:
        rows = store.con.execute("SELECT url, title, text, n_events FROM documents").fetchall()
    return {url: (title, text, n) for url, title, text, n in rows}


# -- ingest ------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake_pipeline")
def test_ingest_feed_stores_its_items_then_only_the_new_one(wire: Wire, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    first = _run("ingest", "--feed", wire.feed, "--db", str(db), "--quiet", *QUICK)
    assert first.exit_code == 0, first.output
    assert "2 documents ingested" in first.stdout
    stored = _documents(db)
    assert set(stored) == {
        wire.site.url("/news/ankara-strikes.html"),
        wire.site.url("/news/doha-talks.html"),
    }
    assert all("menu" not in text and "footer" not in text for _, text, _ in stored.values())

    new = wire.publish("vilnius-nato")
    second = _run("ingest", "--feed", wire.feed, "--db", str(db), "--quiet", *QUICK)
    assert second.exit_code == 0, second.output
    assert "1 documents ingested" in second.stdout and "0 unchanged" in second.stdout
    assert set(_documents(db)) == {*stored, new}
    assert (
        wire.fetched("ankara-strikes"),
        wire.fetched("doha-talks"),
        wire.fetched("vilnius-nato"),
    ) == (1, 1, 1)


@pytest.mark.usefixtures("fake_pipeline")
def test_ingest_urls_and_files_together(wire: Wire, tmp_path: Path) -> None:
    (tmp_path / "local.txt").write_text(
        "Turkey attacked Iraq on Sunday, officials in Ankara said after the strikes.\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.duckdb"
    url = wire.site.url("/news/doha-talks.html")
    result = _run("ingest", str(tmp_path / "local.txt"), url, "--db", str(db), "--quiet", *QUICK)
    assert result.exit_code == 0, result.output
    assert "2 documents ingested" in result.stdout
    assert _documents(db)[url][0] == "Qatar hosts ceasefire talks"


@pytest.mark.usefixtures("fake_pipeline")
def test_ingest_of_a_broken_feed_says_why_in_one_line(site: Site, tmp_path: Path) -> None:
    url = site.route(
        "/feed.xml", Reply(body=b"<rss version='2.0'><channel><item><ti", content_type=RSS_TYPE)
    )
    result = _run("ingest", "--feed", url, "--db", str(tmp_path / "t.duckdb"), "--quiet", *QUICK)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1] == "1 document(s) could not be read or coded"


def test_ingest_needs_something_to_read(tmp_path: Path) -> None:
    result = _run("ingest", "--db", str(tmp_path / "t.duckdb"))
    assert (
        result.exit_code == 2 and "give at least one PATH, URL or --feed FEED_URL" in result.output
    )


@pytest.mark.model
def test_ingest_feed_stores_pages_text_and_events_then_only_the_new_item(
    wire: Wire, tmp_path: Path
) -> None:
    db = tmp_path / "t.duckdb"
    first = _run("ingest", "--feed", wire.feed, "--db", str(db), "--quiet", *QUICK)
    assert first.exit_code == 0, first.output
    stored = _documents(db)
    assert len(stored) == 2
    for name in ("ankara-strikes", "doha-talks"):
        title, text, events = stored[wire.site.url(f"/news/{name}.html")]
        assert title == STORIES[name][0]
        assert STORIES[name][1][1] in text  # the article's text ...
        assert "menu" not in text and "footer" not in text  # ... without navigation
        assert events > 0, (name, text)

    new = wire.publish("vilnius-nato")
    second = _run("ingest", "--feed", wire.feed, "--db", str(db), "--quiet", *QUICK)
    assert second.exit_code == 0, second.output
    assert "1 documents ingested" in second.stdout
    after = _documents(db)
    assert set(after) == {*stored, new} and after[new][2] > 0


# -- watch -------------------------------------------------------------------------------


def _feeds_file(tmp_path: Path, *urls: str) -> str:
    path = tmp_path / "feeds.txt"
    path.write_text("# feeds to watch\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.usefixtures("fake_pipeline")
def test_watch_once_picks_up_a_new_item_within_one_poll(wire: Wire, tmp_path: Path) -> None:
    db, feeds = str(tmp_path / "t.duckdb"), _feeds_file(tmp_path, wire.feed)
    first = _run("watch", feeds, "--once", "--db", db, *QUICK)
    assert first.exit_code == 0, first.output
    assert first.stdout.count("\n") == 1  # one line per poll
    assert "polled 1 feeds: 2 new items, 2 documents ingested" in first.stdout

    new = wire.publish("vilnius-nato")
    second = _run("watch", feeds, "--once", "--db", db, *QUICK)
    assert "polled 1 feeds: 1 new items, 1 documents ingested" in second.stdout
    assert new in _documents(Path(db)) and len(_documents(Path(db))) == 3
    assert wire.fetched("ankara-strikes") == 1  # stored items are not fetched again


@pytest.mark.usefixtures("fake_pipeline")
def test_watch_sends_the_kept_validators_and_re_ingests_nothing(wire: Wire, tmp_path: Path) -> None:
    db, feeds = str(tmp_path / "t.duckdb"), _feeds_file(tmp_path, wire.feed)
    _run("watch", feeds, "--once", "--db", db, *QUICK)
    with Store.open(db, read_only=True) as store:
        state = feed_states(store.con, [wire.feed])[wire.feed]
    assert state.etag == '"2"' and state.polled_at is not None and state.n_items == 2

    again = _run("watch", feeds, "--once", "--db", db, *QUICK)  # a restart: a new process
    assert again.exit_code == 0, again.output
    assert "0 new items, 0 documents ingested" in again.stdout and "1 not modified" in again.stdout
    feed_requests = [r for r in wire.site.requests if r.path == "/feed.xml"]
    assert feed_requests[-1].headers["if-none-match"] == '"2"'
    assert len(_documents(Path(db))) == 2


@pytest.mark.usefixtures("fake_pipeline")
def test_watch_reports_each_failing_feed_and_goes_on(
    wire: Wire, site: Site, tmp_path: Path
) -> None:
    down = site.route("/down.xml", Reply(status=503))
    slow = site.route("/slow.xml", Reply(body=b"<rss/>", delay=1.5))
    broken = site.route(
        "/broken.xml", Reply(body=b"<rss version='2.0'><channel><item><ti", content_type=RSS_TYPE)
    )
    loop = site.route("/loop.xml", Reply(status=302, location="/loop2.xml"))
    site.route("/loop2.xml", Reply(status=302, location="/loop.xml"))
    feeds = _feeds_file(tmp_path, down, slow, broken, loop, wire.feed)
    result = _run("watch", feeds, "--once", "--db", str(tmp_path / "t.duckdb"), *QUICK)
    assert result.exit_code == 0, result.output
    assert "polled 5 feeds: 2 new items, 2 documents ingested" in result.stdout
    assert "4 failed" in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and "Traceback" not in result.output
    assert lines[0].endswith(f"feed {down}: HTTP 503 Service Unavailable")
    assert lines[1].endswith(f"feed {slow}: timed out after 0.5s")
    assert f"feed {broken}: malformed feed: line " in lines[2]
    assert f"feed {loop}: redirect loop" in lines[3]


def _after_each_poll(monkeypatch: pytest.MonkeyPatch, then: Any) -> list[str]:
    """Call then(n) after the n-th poll is reported (from the main thread, as a signal
    from elsewhere would arrive); return the reported lines."""
    import detente.cli.watch as watch_cli

    report = watch_cli._report
    polls: list[str] = []

    def report_then(poll: Any) -> None:
        report(poll)
        polls.append(f"{poll.new} new")
        then(len(polls))

    monkeypatch.setattr(watch_cli, "_report", report_then)
    return polls


@pytest.mark.usefixtures("fake_pipeline")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_watch_stops_cleanly_on_a_signal(
    wire: Wire, tmp_path: Path, signum: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds = _feeds_file(tmp_path, wire.feed)
    # a shell's background job starts with SIGINT ignored: restored means as it was before
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    _after_each_poll(monkeypatch, lambda n: os.kill(os.getpid(), signum))
    result = _run("watch", feeds, "--every", "1h", "--db", str(tmp_path / "t.duckdb"), *QUICK)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("watching 1 feeds every 1h")
    assert "2 documents ingested" in lines[1] and lines[-1] == "stopped" and len(lines) == 3
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


@pytest.mark.usefixtures("fake_pipeline")
def test_a_short_every_polls_again_and_picks_up_a_new_item(
    wire: Wire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds = _feeds_file(tmp_path, wire.feed)

    def then(n: int) -> None:
        if n == 1:
            wire.publish("vilnius-nato")
        elif n == 3:
            os.kill(os.getpid(), signal.SIGINT)

    polls = _after_each_poll(monkeypatch, then)
    result = _run("watch", feeds, "--every", "0.2s", "--db", str(tmp_path / "t.duckdb"), *QUICK)
    assert result.exit_code == 0, result.output
    assert polls == ["2 new", "1 new", "0 new"]
    assert len(_documents(tmp_path / "t.duckdb")) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--once"], "Error: cannot read the feed list missing.txt"),
        (["bad.txt", "--once"], "Error: bad.txt:1: 'not a url' is not an http(s) URL"),
        (["bad.txt", "--every", "soon"], "'soon' is not a time span"),
        (["bad.txt", "--every", "0s"], "'0s' is not a time span"),
    ],
)
def test_watch_input_errors_are_one_line(
    tmp_path: Path, args: list[str], message: str, fake_pipeline: None
) -> None:
    (tmp_path / "bad.txt").write_text("not a url\n", encoding="utf-8")
    result = _run("watch", *args, "--db", str(tmp_path / "t.duckdb"))
    assert result.exit_code in (1, 2) and message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30s", 30),
        ("15m", 900),
        ("1h", 3600),
        ("1h30m", 5400),
        ("2d", 172800),
        ("90", 90),
        ("0.5s", 0.5),
    ],
)
def test_every_reads_time_spans(text: str, seconds: float) -> None:
    from detente.cli.watch import DURATION

    assert DURATION.convert(text, None, None).total_seconds() == seconds
