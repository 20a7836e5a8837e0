"""End to end in headless Chromium: the analyst's day as issue 10 tells it.

Sign in; see the alert queue; open an alert; decide it with a note; with
four-eyes on, see it wait for a second user and approve it as that user;
see it leave the queue and appear in the audit view; screen "Александр
Лукашенко" from the quick-screen box and see the hit; open a list diff.
Then issue 23's case story, on a server of its own: one customer on two
lists is one case of two alerts in the queue, decided whole from one alert
with one note; both decisions wait, the approver confirms each, and the
case leaves the queue.
Every page is checked with axe-core (no serious or critical violations),
must log no console error, and is saved as a screenshot in tests/web/out/.
The server is the real ``embargo serve`` on a free loopback port.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from embargo.monitor import FourEyes, set_policy
from embargo.store import Store
from tests.conftest import ROOT, people, stop_process
from tests.web.browser import ARGS, OUT, PageChecker, axe_source, chromium_path
from tests.web.conftest import ANALYST, APPROVER, UiKeys, copy_store

pytestmark = [pytest.mark.ui, pytest.mark.browser]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(store: Store) -> Iterator[str]:
    """``embargo serve`` over ``store`` on a free loopback port, until the generator is closed."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EMBARGO_API_RATE": "0"}
    log = store.path.with_name("serve.log")
    cmd = [sys.executable, "-m", "embargo.cli", "serve", "--port", str(port), "--db", str(store.path)]
    with log.open("wb") as out:
        proc = subprocess.Popen([*cmd, "--log-level", "warning"], env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"embargo serve did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        stop_process(proc)


def _four_eyes_store(built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory, name: str) -> Store:
    store = copy_store(built_store[0], tmp_path_factory.mktemp(name))
    set_policy(store, FourEyes(True, 0.9), people(store, "ops", role="admin")["ops"])
    return store


@pytest.fixture(scope="module")
def server(built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``embargo serve`` with four-eyes on, over a copy of the built store."""
    chromium_path()  # skip before starting anything when there is no browser
    yield from _serve(_four_eyes_store(built_store, tmp_path_factory, "ui-browser"))


@pytest.fixture(scope="module")
def case_server(built_store: tuple[Store, UiKeys], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Another server like :func:`server`, on a copy of its own: the case story decides the alerts the
    analyst's story decides."""
    chromium_path()
    yield from _serve(_four_eyes_store(built_store, tmp_path_factory, "ui-browser-cases"))


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A fresh Chromium profile; CSP is bypassed only so that the test can inject axe-core."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(executable),
            args=ARGS,
            headless=True,
            bypass_csp=True,
            viewport={"width": 1360, "height": 900},
            locale="en-GB",
        )
        try:
            yield context
        finally:
            context.close()


def sign_in(page: object, url: str, key: str) -> None:
    page.goto(url + "/ui/")  # type: ignore[attr-defined]
    page.get_by_label("API key").fill(key)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]


def test_analyst_story(server: str, browser_context: object, built_store: tuple[Store, UiKeys]) -> None:
    from playwright.sync_api import expect

    keys = built_store[1]
    OUT.mkdir(exist_ok=True)
    checker = PageChecker(axe_source(), OUT)
    page = browser_context.new_page()  # type: ignore[attr-defined]
    checker.watch(page)

    # Sign in (the queue asks for it first).
    page.goto(server + "/ui/alerts")
    expect(page).to_have_url(re.compile(r"/ui/login\?next=/ui/alerts$"))
    checker.check(page, "01-sign-in")
    page.get_by_label("API key").fill(keys.analyst)
    page.get_by_role("button", name="Sign in").click()

    # The queue: the monitor's alerts, highest score first.
    expect(page).to_have_url(re.compile(r"/ui/alerts$"))
    expect(page.get_by_role("heading", name="Alert queue")).to_be_visible()
    rows = page.locator("table.queue tr.row")  # the alert rows, under their cases' header rows
    assert rows.count() == 4
    expect(page.get_by_role("link", name="Александр Григорьевич Лукашенко").first).to_be_visible()
    checker.check(page, "02-queue")

    # Open the first alert with the keyboard: j selects it, Enter opens it.
    page.keyboard.press("j")
    first = rows.first.locator("a.open-alert").get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(first or "") + "$"))
    alert_id = int((first or "").rsplit("/", 1)[-1])
    expect(page.locator("table.compare mark").first).to_be_visible()  # aligned tokens highlighted
    expect(page.get_by_role("heading", name="Designations")).to_be_visible()
    expect(page.get_by_role("heading", name="Cyrillic")).to_be_visible()  # other names, by script
    checker.check(page, "03-alert-review")

    # Decide with a note: t picks "true match" and, the note being empty, focuses it; Ctrl+Enter decides.
    page.keyboard.press("t")
    expect(page.get_by_label("Note (required)")).to_be_focused()
    page.keyboard.type("Same name in Cyrillic, same date of birth (1954-08-30), Belarus.")
    page.keyboard.press("Control+Enter")

    # The next alert opens, saying what was decided; back to the decided one.
    expect(page.get_by_text(re.compile(r"must confirm it\. This is the next alert"))).to_be_visible()
    page.get_by_role("link", name=f"Back to alert {alert_id}").click()
    # Four-eyes: the decision waits for a second user; the analyst cannot approve it.
    expect(page.get_by_text("Waiting for a second user.")).to_be_visible()
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    checker.check(page, "04-pending-approval")
    page.goto(server + "/ui/alerts?status=pending")
    expect(page.locator(f'a[href="/ui/alerts/{alert_id}?status=pending"]')).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()

    # The approver signs in, finds it among the pending ones and approves it.
    page.get_by_label("API key").fill(keys.approver)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=re.compile(r"pending approval")).click()
    page.locator(f'a[href="/ui/alerts/{alert_id}?status=pending"]').click()
    expect(page.get_by_text(f"{ANALYST} asked to mark this alert")).to_be_visible()
    checker.check(page, "05-approve")
    page.get_by_label("Approver's note (optional)").fill("Agreed: true match.")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved: the decision is recorded.")).to_be_visible()
    expect(page.locator(".meta .badge.true_match")).to_be_visible()

    # It has left the queue.
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Alert queue").click()
    expect(page.locator(f'a[href="/ui/alerts/{alert_id}"]')).to_have_count(0)
    assert page.locator("table.queue tr.row").count() == 3
    # From the queue, j then e opens the current alert with "escalate" chosen and the note focused.
    page.keyboard.press("j")
    page.keyboard.press("e")
    expect(page).to_have_url(re.compile(r"/ui/alerts/\d+#decide-e$"))
    expect(page.get_by_label("Note (required)")).to_be_focused()
    expect(page.locator("button.decision.escalated.chosen")).to_have_count(1)
    assert not checker.errors, checker.errors

    # The audit view: the request and the approval, each by its own user, and the chain holds.
    nav.get_by_role("link", name="Audit trail").click()
    expect(page.locator("#chain-status")).to_contain_text("Chain verified")
    requested = page.locator("tr.kind-alert-decision_requested").first
    expect(requested).to_contain_text(ANALYST)
    expect(requested).to_contain_text(f"alert_id {alert_id}")
    expect(page.locator("tr.kind-alert-decision_approved").first).to_contain_text(APPROVER)
    expect(page.locator("tr.kind-alert-decide").first).to_contain_text("true_match")
    checker.check(page, "06-audit")

    # Quick screen from the box in the header: "/" focuses it.
    page.keyboard.press("/")
    expect(page.get_by_label("Quick screen a name")).to_be_focused()
    page.keyboard.type("Александр Лукашенко")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ui/screen\?q="))
    hit = page.locator("li.hit").first
    expect(hit).to_contain_text("LUKASH")
    expect(hit.locator("mark").first).to_be_visible()
    checker.check(page, "07-quick-screen")

    # Lists, and the diff between the two UK versions.
    nav.get_by_role("link", name="Lists").click()
    checker.check(page, "08-lists")
    page.get_by_role("link", name="uk_ofsi").click()
    page.get_by_role("button", name="Show the changes").click()
    expect(page.get_by_role("heading", name=re.compile(r"uk_ofsi: version 1 → 2"))).to_be_visible()
    expect(page.locator(".count.added")).to_contain_text("4 added")
    expect(page.locator(".count.removed")).to_contain_text("2 removed")
    expect(page.get_by_text("Sergei Ivanovich PETROV")).to_be_visible()
    checker.check(page, "09-list-diff")

    # The dashboard (charts drawn by the server).
    nav.get_by_role("link", name="Dashboard").click()
    page.wait_for_load_state("load")
    for img in page.locator(".charts img").all():
        assert img.evaluate("i => i.complete && i.naturalWidth > 0"), img.get_attribute("src")
    checker.check(page, "10-dashboard")
    page.close()
    assert len(checker.shots) == 10 and all(Path(s).stat().st_size > 10_000 for s in checker.shots)


def test_case_story(case_server: str, browser_context: object, built_store: tuple[Store, UiKeys]) -> None:
    """Issue 23: one customer on two lists -> one case of two alerts -> one decision for both (with
    four-eyes on, each alert's decision waits; the approver confirms them) -> the case leaves the queue."""
    from playwright.sync_api import expect

    keys = built_store[1]
    OUT.mkdir(exist_ok=True)
    checker = PageChecker(axe_source(), OUT)
    page = browser_context.new_page()  # type: ignore[attr-defined]
    checker.watch(page)
    server = case_server

    # The queue by case: Lukashenka, listed by the EU and by OFAC (one party), is one case of two alerts.
    sign_in(page, server, keys.analyst)
    page.goto(server + "/ui/alerts")
    expect(page.locator("#queue-summary")).to_contain_text("3 cases, 4 alerts")
    cases = page.locator("table.queue tbody.case")
    assert cases.count() == 3
    both = [i for i in range(3) if cases.nth(i).locator("tr.row").count() == 2]
    assert len(both) == 1
    case = cases.nth(both[0])
    head = case.locator("tr.case-head")
    expect(head).to_contain_text("eu_fsf, us_ofac_sdn")
    expect(head).to_contain_text("2 alerts")
    case_id = int((case.get_attribute("id") or "").removeprefix("case-"))
    ids = [
        int((h or "").rsplit("/", 1)[-1])
        for h in case.locator("a.open-alert").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    ]
    checker.check(page, "13-case-queue")

    # Open its first alert: the case panel lists the other one; decide the whole case with a note.
    case.locator("a.open-alert").first.click()
    expect(page.get_by_role("heading", name=re.compile(rf"^Case {case_id}: 2 alerts on "))).to_be_visible()
    panel = page.locator("section.case-panel")
    expect(panel.get_by_role("link", name=f"alert {ids[1]}")).to_be_visible()
    expect(panel).to_contain_text("us_ofac_sdn")
    page.get_by_label(re.compile(rf"the whole case {case_id}")).check()
    page.get_by_label("Note (required)").fill("Same man on both lists: Cyrillic name, born 1954-08-30, Belarus.")
    checker.check(page, "14-case-review")
    page.get_by_role("button", name=re.compile("True match")).click()

    # Four-eyes: both decisions wait for a second user; the next case opens, saying so.
    expect(
        page.get_by_text(re.compile(rf"Case {case_id} \(.*2 alerts\): 2 true match decision\(s\) recorded as pending"))
    ).to_be_visible()
    page.get_by_role("link", name=f"Back to alert {ids[0]}").click()
    expect(page.locator("section.case-panel .badge.pending")).to_have_count(2)
    checker.check(page, "15-case-pending")
    page.get_by_role("button", name="Sign out").click()

    # The approver confirms each alert's decision, going from one to the other by the case panel.
    page.get_by_label("API key").fill(keys.approver)
    page.get_by_role("button", name="Sign in").click()
    page.goto(server + f"/ui/alerts/{ids[0]}")
    for number, other in ((ids[0], ids[1]), (ids[1], ids[0])):
        expect(page.get_by_text(f"{ANALYST} asked to mark this alert")).to_be_visible()
        page.get_by_label("Approver's note (optional)").fill("Agreed: one party, true match.")
        page.get_by_role("button", name="Approve").click()
        expect(page.get_by_text("Approved: the decision is recorded.")).to_be_visible()
        if number == ids[0]:
            page.locator("section.case-panel").get_by_role("link", name=f"alert {other}").click()
    expect(page.locator("section.case-panel .badge.true_match")).to_have_count(2)
    checker.check(page, "16-case-decided")

    # The case has left the queue: two cases, two alerts.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Alert queue").click()
    expect(page.locator("#queue-summary")).to_contain_text("2 cases, 2 alerts")
    expect(page.locator(f"#case-{case_id}")).to_have_count(0)
    assert not checker.errors, checker.errors
    page.close()
    assert len(checker.shots) == 4 and all(Path(s).stat().st_size > 10_000 for s in checker.shots)
