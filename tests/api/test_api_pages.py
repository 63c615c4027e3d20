"""The dashboard pages answer HEAD, and send nosniff and a Content-Security-Policy (#10)."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from fastapi.testclient import TestClient

from detente.web.pages import CONTENT_SECURITY_POLICY

PAGES = [
    "/",
    "/events",
    "/events/abc",
    "/actors",
    "/actors/TUR",
    "/dyads/TUR/IRN",
    "/documents",
    "/documents/x",
    "/search",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_nosniff_and_the_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", PAGES)
def test_head_works_on_pages(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def _directives() -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))


def test_policy_lets_in_only_this_server() -> None:
    directives = _directives()
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["connect-src"] == directives["img-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert not any("unsafe-eval" in value or "*" in value for value in directives.values())


def test_the_shell_has_no_inline_script_or_style() -> None:
    # the policy allows only scripts and style sheets from /static
    shell = files("detente.web").joinpath("templates/index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", shell)
    assert "<style" not in shell and " style=" not in shell
    assert not re.search(r"\son[a-z]+=", shell)
    assert set(re.findall(r'(?:src|href)="(/[^"]*)"', shell)) >= {"/static/app.js"}
    assert all(
        url.startswith("/static/") or not url.endswith((".js", ".css"))
        for url in re.findall(r'(?:src|href)="([^"]*)"', shell)
    )


def test_static_files_answer_head(client: TestClient) -> None:
    assert client.head("/static/app.js").status_code == 200
