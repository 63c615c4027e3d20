"""Reading reports into Articles: files, HTML pages, JSONL corpora, folders and stdin."""

from detente.ingest.datelines import find_dateline
from detente.ingest.dedupe import near_duplicates, text_key
from detente.ingest.language import guess_language, non_english_reason
from detente.ingest.readers import clean_text, parse_published, read_paths

__all__ = [
    "clean_text",
    "find_dateline",
    "guess_language",
    "near_duplicates",
    "non_english_reason",
    "parse_published",
    "read_paths",
    "text_key",
]
