from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.terraform_cli import WarmProvider, mirrored_provider, start_warm_provider, terraform

# CI explores the same examples on every run, so a red build always means a change broke it;
# local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The emulator cycle mostly waits on the provider's waiters, and its longest chain of steps sets
# the suite's wall time; every other test only needs CPU. So it goes first (to the first worker,
# with --dist loadfile --no-loadscope-reorder), and under pytest-xdist a worker running other
# tests gives way to it (and so do the processes those tests start).
EMULATOR_CYCLE = "test_apply.py"
GIVE_WAY = 10

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/stack.yaml"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden files from the current output",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.path.name != EMULATOR_CYCLE)


def pytest_runtest_setup(item: pytest.Item) -> None:
    under_xdist = bool(os.environ.get("PYTEST_XDIST_WORKER"))
    if under_xdist and item.path.name != EMULATOR_CYCLE and os.nice(0) < GIVE_WAY:
        os.nice(GIVE_WAY - os.nice(0))


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def write_stack(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(text: str, name: str = "stack.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def validating_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmProvider]:
    """One provider process for every `terraform validate` of a test run (per worker)."""
    log = tmp_path_factory.mktemp("validating-provider") / "provider.log"
    provider = start_warm_provider(mirrored_provider(), terraform().environment, log)
    yield provider
    provider.stop()
