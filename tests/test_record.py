"""One event record and one ontology (#12).

The flat event record (`models.EVENT_RECORD`) is defined once: the store's `events` table,
the CSV and export columns, the store's reads, the API's event model and the partitions'
event struct follow it. The PLOVER ontology (types, quads, CAMEO roots) is written once, in
ontology/plover.json: no other module repeats it.
"""

from __future__ import annotations

import ast
import csv
import io
import types
from datetime import date
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pyarrow as pa
import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from detente.analysis.export import EVENT_COLUMNS, export
from detente.api.schemas import ActorRef, DocumentRef, EventOut, PlaceOut, TriggerOut
from detente.cli import cli as detente_cli
from detente.cli.extract import CSV_FIELDS, CSV_RENAMED, flat_record
from detente.models import (
    EVENT_RECORD,
    Actor,
    Article,
    Event,
    Extraction,
    Place,
    Trigger,
    event_of_row,
    flat_event,
)
from detente.ontology import (
    CAMEO_MODE_ROOT,
    CAMEO_ROOT,
    CONFLICTUAL_QUADS,
    COOPERATIVE_QUADS,
    MATERIAL_QUADS,
    QUAD_CODE,
    QUAD_OF,
    QUADS,
    SYMMETRIC,
    TYPES,
)
from detente.partitions import SCHEMA as PARTITION_SCHEMA
from detente.store import Store, find_events
from detente.store.schema import SQL_TYPES

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "detente"

NAMES = [column.name for column in EVENT_RECORD]
# the columns the store adds to the event's own (they have no path into Event.to_dict())
STORED = [column.name for column in EVENT_RECORD if not column.path]
# what the store's reads add to Event.to_dict(), after `day` (which follows `date_text`)
READ_ADDS = ["counted", "story_id", "n_reports", "n_sources", "document"]


def _full_event(**changes: Any) -> Event:
    """An event with every part present and no value left empty."""
    values: dict[str, Any] = {
        "doc_id": "d1",
        "sentence": 2,
        "type": "SANCTION",
        "mode": "economic",
        "contexts": ("economic", "nuclear"),
        "quad": QUAD_OF["SANCTION"],
        "source": Actor(
            code="USA",
            text="Washington",
            span=(0, 10),
            name="United States",
            sector="GOV",
            role="government",
            kind="state",
        ),
        "target": Actor(
            code="IRN",
            text="Tehran",
            span=(30, 36),
            name="Iran",
            sector="GOV",
            role="government",
            kind="state",
        ),
        "trigger": Trigger(text="sanctioned", span=(11, 21)),
        "evidence": "Washington sanctioned banks in Tehran.",
        "date": "2025-10",
        "date_precision": "month",
        "date_text": "in October",
        "place": Place(name="Tehran", country="IRN", lat=35.7, lon=51.4),
        "modality": "asserted",
        "confidence": 0.87654,
        "rule": "test",
    }
    return Event(**(values | changes))


def _leaves(record: dict[str, Any], prefix: tuple[str | int, ...] = ()) -> set[tuple[Any, ...]]:
    """The paths of every value of a nested record (a span's two ends are two values)."""
    found: set[tuple[Any, ...]] = set()
    for key, value in record.items():
        path = (*prefix, key)
        if isinstance(value, dict):
            found |= _leaves(value, path)
        elif isinstance(value, list) and key == "span":
            found |= {(*path, i) for i in range(len(value))}
        else:
            found.add(path)
    return found


def _stored(event: Event, published: date = date(2025, 10, 20)) -> Store:
    store = Store.open(":memory:")
    article = Article(id=event.doc_id, text="x" * 60, published=published, title="A title")
    store.add_extractions([Extraction(article=article, events=(event,))])
    return store


# ---------- the record itself ----------


def test_the_record_has_one_column_per_value_of_the_json_record() -> None:
    paths = [column.path for column in EVENT_RECORD if column.path]
    assert len(set(paths)) == len(paths) and len(set(NAMES)) == len(NAMES)
    assert set(paths) == _leaves(_full_event().to_dict())
    assert STORED == ["day", "day_end", "counted", "story_id"]


@pytest.mark.parametrize(
    "event",
    [_full_event(), _full_event(target=None, place=None, mode=None, contexts=(), date=None)],
    ids=["full", "sparse"],
)
def test_flattening_and_nesting_give_the_event_back(event: Event) -> None:
    row = flat_event(event)
    assert list(row) == [name for name in NAMES if name not in STORED]
    assert row["confidence"] == event.confidence  # whole, not rounded as in to_dict()
    assert event_of_row(row) == event


# ---------- the store ----------


def test_the_events_table_is_the_flat_record(store: Store) -> None:
    described = store.con.execute("DESCRIBE events").fetchall()
    assert [(r[0], r[1]) for r in described] == [
        (column.name, SQL_TYPES[column.kind]) for column in EVENT_RECORD
    ]
    not_null = {r[0] for r in described if r[2] == "NO"}
    assert not_null == {column.name for column in EVENT_RECORD if column.required}


@pytest.mark.parametrize(
    "event",
    [_full_event(), _full_event(target=None, place=None, mode=None, contexts=())],
    ids=["full", "sparse"],
)
def test_the_store_reads_back_the_record_it_was_given(event: Event) -> None:
    with _stored(event) as store:
        (record,) = find_events(store.con, count="report").items
        columns = store.con.execute(f"SELECT {', '.join(NAMES)} FROM events").fetchall()
    expected = event.to_dict()
    assert {k: v for k, v in record.items() if k in expected} == expected
    keys = list(expected)
    keys.insert(keys.index("date_text") + 1, "day")
    assert list(record) == keys + READ_ADDS
    assert record["document"] == {
        "id": event.doc_id,
        "title": "A title",
        "url": None,
        "published": "2025-10-20",
    }
    (row,) = columns
    assert dict(zip(NAMES, row, strict=True))["confidence"] == event.confidence


# ---------- the CSV and export columns ----------


def test_the_export_columns_are_the_record_and_a_few_of_their_own() -> None:
    assert [name for name in EVENT_COLUMNS if name in NAMES] == [
        "id",
        "story_id",
        *[name for name in NAMES if name not in ("id", "story_id")],
    ]
    assert [name for name in EVENT_COLUMNS if name not in NAMES] == [
        "story_reports",
        "story_sources",
        "cameo_root",
        "doc_title",
        "doc_url",
        "doc_published",
    ]


def test_events_csv_and_the_export_have_those_columns(tmp_path: Path) -> None:
    event = _full_event()
    path = tmp_path / "events.duckdb"
    with Store.open(path) as store:
        article = Article(id=event.doc_id, text="x" * 60, published=date(2025, 10, 20))
        store.add_extractions([Extraction(article=article, events=(event,))])
        export(store.con, tmp_path / "e.csv")
    result = CliRunner().invoke(detente_cli, ["events", "--db", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert tuple(row) == EVENT_COLUMNS
    assert (tmp_path / "e.csv").read_text().splitlines()[0] == result.stdout.splitlines()[0]
    flat = flat_event(event)
    assert row["source_name"] == flat["source_name"] and row["place_lat"] == "35.7"
    assert row["contexts"] == "economic;nuclear" and row["trigger_start"] == "11"


def test_extract_csv_fields_are_columns_of_the_record() -> None:
    assert all(CSV_RENAMED.get(field, field) in NAMES for field in CSV_FIELDS)
    assert set(CSV_RENAMED) <= set(CSV_FIELDS)
    event = _full_event()
    flat, row = flat_event(event), flat_record(event)
    assert list(row) == CSV_FIELDS
    for field in CSV_FIELDS:
        if field not in ("contexts", "confidence"):
            assert row[field] == flat[CSV_RENAMED.get(field, field)], field
    assert row["contexts"] == "economic;nuclear" and row["confidence"] == 0.877


# ---------- the API ----------


def _model_of(annotation: Any) -> type[BaseModel]:
    (model,) = [a for a in (annotation, *get_args(annotation)) if _is_model(a)]
    return model  # type: ignore[no-any-return]


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _kinds(annotation: Any) -> set[Any]:
    """The types a field's annotation allows: str | None gives {str, NoneType}."""
    if get_origin(annotation) in (Union, types.UnionType):
        return set().union(*(_kinds(a) for a in get_args(annotation)))
    return {get_origin(annotation) or annotation}


def test_the_api_event_model_has_the_fields_of_the_record_read() -> None:
    with _stored(_full_event()) as store:
        (record,) = find_events(store.con).items
    assert list(EventOut.model_fields) == list(record)
    for model, part in (
        (ActorRef, "source"),
        (ActorRef, "target"),
        (PlaceOut, "place"),
        (TriggerOut, "trigger"),
        (DocumentRef, "document"),
    ):
        assert list(model.model_fields) == list(record[part]), part
        assert model.model_config.get("extra") != "allow", model.__name__
    assert EventOut.model_config.get("extra") != "allow"


@pytest.mark.parametrize("column", [c for c in EVENT_RECORD if c.path], ids=lambda c: c.name)
def test_the_api_event_model_has_the_type_of_each_column(column: Any) -> None:
    model: type[BaseModel] = EventOut
    path = list(column.path)
    while len(path) > 1 and isinstance(path[1], str):
        model = _model_of(model.model_fields[path.pop(0)].annotation)
    annotation = model.model_fields[path[0]].annotation
    if len(path) == 2:  # an end of a span: a list of the column's kind
        assert get_origin(annotation) is list
        annotation = get_args(annotation)[0]
    assert column.kind in _kinds(annotation)


# ---------- the partitions ----------


def test_the_partitions_event_struct_has_the_fields_of_the_json_record() -> None:
    event_struct = PARTITION_SCHEMA.field("events").type.value_type
    record = _full_event().to_dict()

    def names(struct: pa.StructType) -> list[str]:
        return [struct.field(i).name for i in range(struct.num_fields)]

    assert names(event_struct) == list(record)
    for part in ("source", "target", "place", "trigger"):
        assert names(event_struct.field(part).type) == list(record[part]), part


# ---------- the ontology ----------


def test_the_ontology_holds_together() -> None:
    assert set(QUAD_OF.values()) == set(QUADS) and len(TYPES) == 16
    assert set(COOPERATIVE_QUADS) | set(CONFLICTUAL_QUADS) == set(QUADS)
    assert not set(COOPERATIVE_QUADS) & set(CONFLICTUAL_QUADS)
    assert set(MATERIAL_QUADS) < set(QUADS) and sorted(QUAD_CODE.values()) == [1, 2, 3, 4]
    assert set(CAMEO_ROOT) == set(TYPES) and set(TYPES) > SYMMETRIC
    assert {t for t, _ in CAMEO_MODE_ROOT} <= set(TYPES)


def _groups() -> dict[str, frozenset[str]]:
    """Sets of types that are facts of the ontology: all of them, the symmetric ones, and
    those of each quad and quad group."""
    groups = {"every type": frozenset(TYPES), "the symmetric types": frozenset(SYMMETRIC)}
    for name, quads in [(q, (q,)) for q in QUADS] + [
        ("cooperative", COOPERATIVE_QUADS),
        ("conflictual", CONFLICTUAL_QUADS),
        ("material", MATERIAL_QUADS),
    ]:
        groups[f"the {name} types"] = frozenset(t for t in TYPES if QUAD_OF[t] in quads)
    return groups


def _repeats(path: Path, *, root: Path = PACKAGE) -> list[str]:
    """The literals in `path` that restate the ontology: a collection of quad classes, a
    set of types that is an ontology group, a mapping of types to their quad or CAMEO
    root, of quads to their code, or a string (SQL) that lists quad classes."""
    groups = {types_: name for name, types_ in _groups().items()}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and node.value is not None:
                    names[id(node.value)] = target.id
    found = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            strings = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if len(strings & set(QUADS)) >= 2:
                what = "quad classes"
            elif frozenset(strings) in groups and len(strings) > 1:
                what = groups[frozenset(strings)]
        elif isinstance(node, ast.Dict):
            keys = {
                e.value
                for k in node.keys
                for e in (k.elts if isinstance(k, ast.Tuple) else [k])
                if isinstance(e, ast.Constant)
            }
            values = [v.value for v in node.values if isinstance(v, ast.Constant)]
            if keys & set(TYPES) and any(
                v in QUADS or (isinstance(v, str) and len(v) == 2 and v.isdigit()) for v in values
            ):
                what = "types to quads or CAMEO roots"
            elif len(keys & set(QUADS)) >= 2 and all(isinstance(v, int) for v in values):
                what = "quad codes"
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and "\n" not in node.value  # a docstring may name them
            and sum(quad in node.value for quad in QUADS) >= 2
        ):
            what = "quad classes in a string"
        if what:
            where = names.get(id(node), f"line {node.lineno}")
            found.append(f"{path.relative_to(root).as_posix()}: {where}: {what}")
    return found


# nlp/ is being changed elsewhere; these go once it reads them from the ontology (#12)
_NOT_YET: set[str] = set()


def test_the_ontology_is_written_once() -> None:
    modules = [p for p in sorted(PACKAGE.rglob("*.py")) if "ontology" not in p.parts]
    found = {repeat for path in modules for repeat in _repeats(path)}
    assert found - _NOT_YET == set()


def test_the_check_finds_a_repeat(tmp_path: Path) -> None:
    path = tmp_path / "probe.py"
    path.write_text(
        'A = {"AGREE": "verbal_cooperation"}\n'
        'B = ("verbal_conflict", "material_conflict")\n'
        f"C = {sorted(SYMMETRIC)!r}\n"
        "D = \"WHERE quad IN ('verbal_conflict', 'material_conflict')\"\n"
        'E = {("ASSAULT", "aerial"): "19"}\n'
        'F = {"AGREE": 1.0, "ASSAULT": 1.0}\n'
        'G = {"verbal_conflict": 1, "material_conflict": 4}\n',
        encoding="utf-8",
    )
    assert [line.split(": ")[1] for line in _repeats(path, root=tmp_path)] == [
        "A",
        "B",
        "C",
        "D",
        "E",
        "G",
    ]
