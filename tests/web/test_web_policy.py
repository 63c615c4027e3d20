"""The Content-Security-Policy the pages send lets the dashboard draw everything (#10).

The script sets `style` attributes (bar widths, legend colours), so the policy must allow
those and nothing inline besides; a violation would leave the bars empty without an error.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_harness import LiveServer, Problems, open_page

pytestmark = pytest.mark.browser

_WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.mark.parametrize("path", ["/", "/events", "/actors/TUR", "/dyads/TUR/IRN", "/documents"])
def test_the_dashboard_draws_under_its_policy(
    dashboard: LiveServer, page: Any, problems: Problems, path: str
) -> None:
    page.add_init_script(_WATCH)
    open_page(page, dashboard.url + path)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__violations") == []
    styled = page.locator("#main [style]")
    for i in range(styled.count()):
        assert styled.nth(i).evaluate("node => node.style.cssText") != ""
    widths = page.evaluate(
        "[...document.querySelectorAll('.quadbar > span')]"
        ".map(s => s.getBoundingClientRect().width)"
    )
    assert all(width > 0 for width in widths), widths
    problems.assert_none()


def test_an_inline_script_would_be_refused(dashboard: LiveServer, page: Any) -> None:
    page.add_init_script(_WATCH)
    open_page(page, dashboard.url + "/")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__ran = 1"; document.body.appendChild(s); }"""
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
