"""Reading reports into Articles: files, HTML pages, JSONL corpora, folders, stdin, web
pages and RSS/Atom feeds."""

from detente.ingest.datelines import find_dateline
from detente.ingest.dedupe import near_duplicates, text_key
from detente.ingest.feeds import (
    Feed,
    FeedItem,
    feed_articles,
    parse_feed,
    read_feed,
    read_feed_list,
    read_feeds,
)
from detente.ingest.fetch import (
    Fetched,
    Fetcher,
    FetchOptions,
    decode_body,
    page_article,
    read_urls,
    url_id,
)
from detente.ingest.language import guess_language, non_english_reason
from detente.ingest.readers import (
    clean_text,
    html_article,
    parse_published,
    read_paths,
    text_article,
)

__all__ = [
    "Feed",
    "FeedItem",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "clean_text",
    "decode_body",
    "feed_articles",
    "find_dateline",
    "guess_language",
    "html_article",
    "near_duplicates",
    "non_english_reason",
    "page_article",
    "parse_feed",
    "parse_published",
    "read_feed",
    "read_feed_list",
    "read_feeds",
    "read_paths",
    "read_urls",
    "text_article",
    "text_key",
    "url_id",
]
