"""An OpenAPI 3.0 copy of the app's 3.1 schema, for the Swagger UI that ships offline.

The `swagger_ui_bundle` package carries Swagger UI 4, which renders only OpenAPI 3.0;
FastAPI writes 3.1 (JSON Schema 2020-12). `/openapi.json` stays 3.1; the docs page reads
this downgrade, which rewrites the few constructs that differ (nullable, const, examples).
"""

from __future__ import annotations

import copy
from typing import Any


def downgrade(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with `openapi: 3.0.3` and 3.1-only JSON Schema rewritten."""
    out: dict[str, Any] = _walk(copy.deepcopy(schema))
    out["openapi"] = "3.0.3"
    return out


def _walk(node: Any) -> Any:
    if isinstance(node, list):
        return [_walk(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _walk(value) for key, value in node.items()}
    for key in ("anyOf", "oneOf"):
        options = node.get(key)
        if isinstance(options, list) and {"type": "null"} in options:
            rest = [option for option in options if option != {"type": "null"}]
            del node[key]
            node["nullable"] = True
            if len(rest) == 1 and "$ref" in rest[0]:
                node["allOf"] = rest
            elif len(rest) == 1:
                node.update(rest[0])
            else:
                node[key] = rest
    kind = node.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        if len(kinds) < len(kind):
            node["nullable"] = True
        node["type"] = kinds[0] if kinds else "string"
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if isinstance(node.get("examples"), list):
        examples = node.pop("examples")
        if examples:
            node["example"] = examples[0]
    return node
