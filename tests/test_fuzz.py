"""The fuzz suite: mutated stacks through every command, and tricky but valid stacks through
every consumer of what `build` writes (Terraform, shellcheck, the host's boot under stubs).

CI runs a fixed, seeded sample. A longer run, with fresh random cases each time:

    STACKWRIGHT_FUZZ_EXAMPLES=5000 STACKWRIGHT_FUZZ_BUILDS=40 pytest tests/test_fuzz.py

The first mutated stacks that build also go through Terraform and the host (4 in a routine
run, 150 in a long one; STACKWRIGHT_FUZZ_CONSUMED=N sets it, -1 for all).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.fuzz import (
    MEGABYTES,
    exercise,
    mutated_stacks,
    peak_megabytes,
    scratch,
    valid_tricky_stacks,
)
from tests.host_harness import compose_ups, render_user_data, run_user_data, started_services
from tests.terraform_cli import WarmProvider, terraform
from tests.test_host import shellcheck

LONG_RUN = "STACKWRIGHT_FUZZ_EXAMPLES" in os.environ
FUZZ_EXAMPLES = int(os.environ.get("STACKWRIGHT_FUZZ_EXAMPLES", "250"))
BUILD_EXAMPLES = int(os.environ.get("STACKWRIGHT_FUZZ_BUILDS", "3"))
BASELINE_MEGABYTES = peak_megabytes()


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not LONG_RUN,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


def consumers_accept(out: Path, folder: Path, provider: WarmProvider) -> None:
    """Each root passes `terraform validate`; a host's user data, as Terraform renders it,
    passes shellcheck and boots under stubs with nothing injected run."""
    for root in sorted(p for p in (out / "terraform").iterdir() if p.is_dir()):
        assert terraform().validate(root, provider) == [], root
        if (root / "host").is_dir():
            user_data = render_user_data(root, folder / "console" / root.name)
            script = folder / f"{root.name}-user-data.sh"
            script.write_text(user_data)
            assert shellcheck(script) == ""
            services = started_services(root)
            boot = run_user_data(user_data, folder / "run" / root.name, services=services)
            assert boot.code == 0, boot.output
            assert not boot.not_found and not boot.canaries, (boot.not_found, boot.canaries)
            assert compose_ups(boot) == list(services)


# How many mutated stacks that build go through every consumer too (each takes seconds).
consumer_budget = [int(os.environ.get("STACKWRIGHT_FUZZ_CONSUMED", "150" if LONG_RUN else "4"))]


@fuzz_settings(FUZZ_EXAMPLES)
@given(mutated_stacks())
def test_any_mutated_stack_exits_cleanly_and_builds_nothing_injected(
    validating_provider: WarmProvider, text: str
) -> None:
    with scratch() as folder:
        outcome = exercise(text, Path(folder))
        if outcome.out is not None and consumer_budget[0] != 0:
            consumer_budget[0] -= 1
            consumers_accept(outcome.out, Path(folder), validating_provider)
    assert peak_megabytes() - BASELINE_MEGABYTES < MEGABYTES


@fuzz_settings(BUILD_EXAMPLES)
@given(valid_tricky_stacks())
def test_tricky_stacks_build_what_terraform_and_the_host_accept(
    validating_provider: WarmProvider, text: str
) -> None:
    with scratch() as folder:
        outcome = exercise(text, Path(folder))
        assert outcome.out is not None, outcome.runs["build"].stderr
        consumers_accept(outcome.out, Path(folder), validating_provider)
