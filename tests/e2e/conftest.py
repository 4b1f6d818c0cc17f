"""End-to-end harness (docs/testing.md).

Where it runs:
- by default it builds and starts ONE real production server (free port, temporary SQLite file, migrations,
  demo data, test hooks on with a fresh token); with pytest-xdist (`-n 2`) the controller starts it once
  and every worker shares it;
- with `--base-url URL` (or `E2E_BASE_URL`) it uses that running instance instead, which must have
  `ENABLE_TEST_HOOKS=true`; its token comes from `--hooks-token` / `E2E_HOOKS_TOKEN` / `TEST_HOOKS_TOKEN`.

Either way every test makes its own organizations and users through the test hooks (`data` fixture), keyed
by a run id per worker, and the run's data is deleted at the end (`--keep-data` keeps it).

On failure: Playwright's trace and screenshot (`--tracing retain-on-failure`, `--screenshot only-on-failure`
are the defaults here), the server log written while the test ran (when the suite started the server) in
`test-results/<test>/`, and the HTML report `test-results/e2e-report.html`.

Browsers: Playwright's own build of the chosen engine (`--browser chromium|firefox|webkit`); for Chromium,
Debian's /usr/bin/chromium when Playwright's is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from slugify import slugify

from tests.e2e.data import TestData
from tests.e2e.hooks import Hooks, HooksUnavailable
from tests.e2e.server import Instance, start_server, stop_server

SYSTEM_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Actions and assertions wait this long (E2E_TIMEOUT_MS): sign-in hashing and page loads share two cores with
# everything else on the machine (under a load of 30 a fresh browser took over 15 s to show a page).
TIMEOUT_MS = int(os.environ.get("E2E_TIMEOUT_MS", "30000"))
INSTANCE_KEY = "e2e_instance"
REPORT = "test-results/e2e-report.html"
LOG_START = pytest.StashKey[tuple[Instance, int, str]]()

_controller_server: dict[str, object] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("partner-center", "Partner Center E2E")
    group.addoption(
        "--hooks-token",
        default=None,
        help="TEST_HOOKS_TOKEN of the instance given by --base-url (else E2E_HOOKS_TOKEN or "
        "TEST_HOOKS_TOKEN from the environment)",
    )
    group.addoption(
        "--keep-data",
        action="store_true",
        default=False,
        help="keep the organizations and users this run made (default: delete them at the end)",
    )


def _explicit(config: pytest.Config, option: str) -> bool:
    return any(arg == option or arg.startswith(f"{option}=") for arg in config.invocation_params.args)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Failure evidence by default: trace and screenshot of failed tests, an HTML report."""
    if not _explicit(config, "--tracing"):
        config.option.tracing = "retain-on-failure"
    if not _explicit(config, "--screenshot"):
        config.option.screenshot = "only-on-failure"
    if getattr(config.option, "htmlpath", "absent") is None:
        config.option.htmlpath = REPORT
        config.option.self_contained_html = True
    expect.set_options(timeout=TIMEOUT_MS)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """pytest-playwright empties test-results/ at the start of a session: make room for the report again."""
    html = getattr(session.config.option, "htmlpath", None)
    if html:
        Path(session.config.invocation_params.dir, html).parent.mkdir(parents=True, exist_ok=True)


def _external_url(config: pytest.Config) -> str | None:
    url = config.getoption("base_url", default=None) or os.environ.get("E2E_BASE_URL")
    return url.rstrip("/") if url else None


def _external_token(config: pytest.Config) -> str:
    return (
        config.getoption("hooks_token") or os.environ.get("E2E_HOOKS_TOKEN") or os.environ.get("TEST_HOOKS_TOKEN") or ""
    )


def _start_for_controller() -> Instance:
    if "instance" not in _controller_server:
        workdir = Path(tempfile.mkdtemp(prefix="pc-e2e-"))
        server, instance = start_server(workdir)
        _controller_server.update(server=server, instance=instance, workdir=workdir)
    return _controller_server["instance"]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """pytest-xdist controller: start the one shared server before the first worker (workers get its
    address, token and log through `workerinput`)."""
    if _external_url(node.config):
        return
    node.workerinput[INSTANCE_KEY] = json.dumps(_start_for_controller().to_dict())


def pytest_unconfigure() -> None:
    server = _controller_server.pop("server", None)
    if server is not None:
        stop_server(server)
        shutil.rmtree(_controller_server.pop("workdir"), ignore_errors=True)


@pytest.fixture(scope="session")
def instance(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instance]:
    """The portal under test (see the module docstring)."""
    shared = getattr(pytestconfig, "workerinput", {}).get(INSTANCE_KEY)
    url = _external_url(pytestconfig)
    if shared:
        yield Instance(**json.loads(shared))
    elif url:
        yield Instance(url=url, token=_external_token(pytestconfig))
    else:
        server, own = start_server(tmp_path_factory.mktemp("e2e"))
        try:
            yield own
        finally:
            stop_server(server)


@pytest.fixture(scope="session")
def hooks(instance: Instance) -> Iterator[Hooks]:
    """The instance's test hooks (emails, clock, throttling); refuses to run without them."""
    client = Hooks(instance.url, instance.token)
    try:
        client.info()
    except HooksUnavailable as error:
        pytest.exit(
            f"{instance.url} has no usable test hooks ({error}): start it with ENABLE_TEST_HOOKS=true "
            "and TEST_HOOKS_TOKEN=..., and give the suite the same token (--hooks-token or "
            "E2E_HOOKS_TOKEN).",
            returncode=2,
        )
    client.reset_throttle()  # this machine's failed attempts of earlier runs do not count against this one
    yield client
    client.close()


@pytest.fixture(scope="session")
def run_id(hooks: Hooks, pytestconfig: pytest.Config) -> Iterator[str]:
    """This worker's run id: in every name the run makes; its data is deleted at the end."""
    run = f"qa{uuid.uuid4().hex[:10]}"
    yield run
    if not pytestconfig.getoption("keep_data"):
        hooks.cleanup(run)


@pytest.fixture
def data(hooks: Hooks, run_id: str) -> TestData:
    """Makes the organizations, accounts and records a test needs (tests/e2e/data.py)."""
    return TestData(hooks, run_id)


@pytest.fixture(scope="session")
def base_url(instance: Instance) -> str:
    """pytest-playwright's base URL: `page.goto("/signin")` goes to the instance under test."""
    return instance.url


@pytest.fixture(scope="session")
def app_url(instance: Instance) -> str:
    return instance.url


@pytest.fixture(scope="session")
def own_server(instance: Instance) -> Instance:
    """For the few tests that need the server the suite started (the demo data, its log): skipped with
    --base-url."""
    if not instance.own:
        pytest.skip("needs the server the suite starts itself (not --base-url)")
    return instance


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, browser_type) -> dict:
    """Playwright's own build of the engine; for Chromium, Debian's with flags for a closed network when
    Playwright's is missing (the override applies to Chromium only)."""
    args = {**browser_type_launch_args}
    if Path(browser_type.executable_path).exists():
        return args
    if browser_type.name != "chromium":
        pytest.exit(
            f"Playwright's {browser_type.name} is not installed: `.venv/bin/playwright install "
            f"{browser_type.name}` (CI runs Chromium only).",
            returncode=2,
        )
    if not shutil.which(SYSTEM_CHROMIUM):
        pytest.exit(
            "No Chromium: install Debian's `chromium` (apt-get install chromium) or run "
            "`.venv/bin/playwright install chromium`.",
            returncode=2,
        )
    args["executable_path"] = SYSTEM_CHROMIUM
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    """The first browser of a test (`page`), traced like every context made by `new_context`."""
    browser_context = new_context()
    browser_context.set_default_timeout(TIMEOUT_MS)
    return browser_context


@pytest.fixture
def new_page(new_context: Callable[..., BrowserContext]) -> Callable[..., Page]:
    """Another browser (a second user at the same time): `other = new_page()`; traced, closed at the end.
    Keyword arguments go to `browser.new_context` (not `base_url`: that is the instance's)."""

    def make(**context_args) -> Page:
        browser_context = new_context(**context_args)
        browser_context.set_default_timeout(TIMEOUT_MS)
        return browser_context.new_page()

    return make


# --- failure evidence: the server log of the failed test --------------------------------------------------


@pytest.fixture(autouse=True)
def _server_log_start(request: pytest.FixtureRequest, instance: Instance) -> None:
    size = Path(instance.log_path).stat().st_size if instance.log_path else 0
    request.node.stash[LOG_START] = (instance, size, datetime.now(UTC).isoformat(timespec="seconds"))


def _artifact_dir(item: pytest.Item) -> Path:
    """The folder where pytest-playwright keeps this test's trace and screenshot."""
    name = slugify(item.nodeid)
    if len(name) >= 256:
        import hashlib

        name = f"{name[:100]}-{hashlib.sha256(name.encode()).hexdigest()[:7]}-{name[-100:]}"
    return Path(item.config.getoption("--output")).absolute() / name


def _server_log_excerpt(item: pytest.Item) -> str:
    instance, start, started_at = item.stash[LOG_START]
    ended_at = datetime.now(UTC).isoformat(timespec="seconds")
    if not instance.log_path:
        return (
            f"(no server log: the suite ran against {instance.url}, an instance it did not start; see that "
            f"instance's own log from {started_at} to {ended_at} UTC)"
        )
    with open(instance.log_path, "rb") as log:
        log.seek(start)
        text = log.read().decode("utf-8", errors="replace")
    shared = (
        " (other workers' requests to the shared server may be in it)" if hasattr(item.config, "workerinput") else ""
    )
    return f"server log {instance.log_path}, {started_at} to {ended_at} UTC{shared}:\n{text or '(nothing)'}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item):
    outcome = yield
    report = outcome.get_result()
    if report.when != "teardown" or LOG_START not in item.stash:
        return
    earlier = [getattr(item, f"rep_{when}", None) for when in ("setup", "call")]
    if not (report.failed or any(rep is not None and rep.failed for rep in earlier)):
        return
    excerpt = _server_log_excerpt(item)
    folder = _artifact_dir(item)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "server-log.txt").write_text(excerpt, encoding="utf-8")
    report.sections.append(("Server log of this test", excerpt[-20_000:]))
    html = item.config.pluginmanager.getplugin("html")
    if html is not None:
        report.extras = [*getattr(report, "extras", []), html.extras.text(excerpt, name="Server log")]


def pytest_report_header(config: pytest.Config) -> str:
    url = _external_url(config)
    return f"portal under test: {url or 'a server started by the suite (demo data, test hooks on)'}"
