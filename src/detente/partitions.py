"""Parquet partitions (#11): what the pipeline found in a set of documents, as one file.

A partition has one row per document: the article's fields (`id`, `text`, `title`, `url`,
`source`, `published`, `language`), the `error` that stopped its coding (null when none),
and its `sentences`, actor `mentions` and `events` as lists of structs. An event struct
has the fields of the JSON record (`Event.to_dict`), with the confidence unrounded, so
`read_partition` gives back the very extractions `write_partition` was given; the store
merges them as it merges the pipeline's own (`Store.add_batch`: by document id and text).

A partition is written to a hidden temporary file first and then renamed over its name,
so that a reader never sees half of one: a worker killed while writing leaves at most a
`.part-….tmp` file, which `*.parquet` globs and Parquet datasets skip. Writing the same
partition twice (a task Dask ran again after losing its worker) replaces it whole.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .models import Actor, Article, Event, Extraction, Mention, Sentence

__all__ = ["SCHEMA", "partition_name", "read_partition", "write_partition"]

_S, _I, _F = pa.string(), pa.int32(), pa.float64()
_SPAN = pa.list_(_I)
_ACTOR = pa.struct(
    [
        ("code", _S),
        ("text", _S),
        ("span", _SPAN),
        ("name", _S),
        ("sector", _S),
        ("role", _S),
        ("kind", _S),
    ]
)
_EVENT = pa.struct(
    [
        ("id", _S),
        ("doc_id", _S),
        ("sentence", _I),
        ("type", _S),
        ("mode", _S),
        ("contexts", pa.list_(_S)),
        ("quad", _S),
        ("source", _ACTOR),
        ("target", _ACTOR),
        ("date", _S),
        ("date_precision", _S),
        ("date_text", _S),
        ("place", pa.struct([("name", _S), ("country", _S), ("lat", _F), ("lon", _F)])),
        ("modality", _S),
        ("trigger", pa.struct([("text", _S), ("span", _SPAN)])),
        ("evidence", _S),
        ("confidence", _F),
        ("rule", _S),
    ]
)
SCHEMA = pa.schema(
    [
        ("id", _S),
        ("title", _S),
        ("url", _S),
        ("source", _S),
        ("published", pa.date32()),
        ("language", _S),
        ("text", _S),
        ("error", _S),
        (
            "sentences",
            pa.list_(pa.struct([("index", _I), ("start", _I), ("end", _I), ("text", _S)])),
        ),
        ("mentions", pa.list_(pa.struct([("sentence", _I), ("actor", _ACTOR)]))),
        ("events", pa.list_(_EVENT)),
    ]
)


def partition_name(number: int) -> str:
    """The file name of partition `number` (0-based): part-00000.parquet, part-00001.parquet, ..."""
    return f"part-{number:05d}.parquet"


def write_partition(path: Path, extractions: Sequence[Extraction]) -> None:
    """Write extractions to `path` as one Parquet file, whole or not at all.

    The folder must exist: on a cluster, a folder missing on a worker's machine means that
    the driver could not read what the worker wrote, and is better an error at once.
    """
    table = pa.Table.from_pylist([_row(extraction) for extraction in extractions], schema=SCHEMA)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_partition(path: Path) -> list[Extraction]:
    """The extractions in a partition, in the order they were written."""
    table = pq.read_table(path, schema=SCHEMA)
    return [_extraction(row) for row in table.to_pylist()]


def _row(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    events = []
    for event in extraction.events:
        record = event.to_dict()
        record["confidence"] = event.confidence  # to_dict rounds it; filters read it whole
        events.append(record)
    return {
        **asdict(article),  # id, title, url, source, published, language, text
        "error": extraction.error,
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in extraction.sentences
        ],
        "mentions": [
            {"sentence": m.sentence, "actor": m.actor.to_dict()} for m in extraction.mentions
        ],
        "events": events,
    }


def _extraction(row: dict[str, Any]) -> Extraction:
    doc_id = row["id"]
    article = Article(
        id=doc_id,
        text=row["text"],
        title=row["title"],
        url=row["url"],
        source=row["source"],
        published=row["published"],
        language=row["language"],
    )
    return Extraction(
        article=article,
        sentences=tuple(
            Sentence(
                doc_id=doc_id, index=s["index"], start=s["start"], end=s["end"], text=s["text"]
            )
            for s in row["sentences"]
        ),
        mentions=tuple(
            Mention(doc_id=doc_id, sentence=m["sentence"], actor=Actor.from_dict(m["actor"]))
            for m in row["mentions"]
        ),
        events=tuple(Event.from_dict(record) for record in row["events"]),
        error=row["error"],
    )
