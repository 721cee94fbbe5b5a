"""Terraform's own verdict, offline: the Terraform CLI and the hashicorp/aws provider from a
filesystem mirror on this machine (nothing is downloaded).

The mirror is looked for in $STACKWRIGHT_PROVIDER_MIRROR, then /opt/tf-plugins; the CLI on PATH.
A session-wide plugin cache makes every `init` after the first a symlink, and a warm provider
(one process that serves many commands) saves each command from starting its own.
"""

from __future__ import annotations

import base64
import ctypes
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MIRROR_CANDIDATES = ("/opt/tf-plugins",)
PROVIDER = "registry.terraform.io/hashicorp/aws"


@dataclass(frozen=True)
class Terraform:
    binary: str
    environment: dict[str, str]

    def run(
        self, root: Path, *args: str, timeout: int = 300, provider: WarmProvider | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`terraform <args>` in `root`; reattached to `provider` if one is given."""
        return subprocess.run(
            [self.binary, *args],
            cwd=root,
            env={**self.environment, **(provider.environment() if provider else {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def validate(self, root: Path, provider: WarmProvider | None = None) -> list[str]:
        """Terraform's errors for one root (init without a backend, then validate)."""
        init = self.run(root, "init", "-backend=false", "-input=false", "-no-color")
        if init.returncode:
            return [f"init: {init.stderr.strip() or init.stdout.strip()}"]
        result = self.run(root, "validate", "-json", "-no-color", provider=provider)
        report = json.loads(result.stdout)
        return [
            f"{d.get('summary')}: {d.get('detail', '')} ({json.dumps(d.get('range'))})"
            for d in report.get("diagnostics", [])
            if d.get("severity") == "error"
        ]


REATTACH = re.compile(r"TF_REATTACH_PROVIDERS='(?P<json>[^']+)'")
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """For preexec_fn: the child gets SIGTERM when the thread that started it ends, so that
    nothing outlives a test run that was killed."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class WarmProvider:
    """One provider process serving Terraform command after command (TF_REATTACH_PROVIDERS).
    Each command otherwise starts the provider two to four times, and each start builds its
    whole schema again, some 1.5 s of CPU a command. One process holds one configuration, so a
    root with provider aliases cannot share one."""

    process: subprocess.Popen[bytes]
    reattach: str

    def environment(self) -> dict[str, str]:
        return {"TF_REATTACH_PROVIDERS": self.reattach}

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def start_warm_provider(
    binary: Path, environment: Mapping[str, str], log: Path, timeout: float = 120
) -> WarmProvider:
    """Start `binary` in debug mode, writing to `log`, and wait for the line that says how to
    reattach to it. The process ends with the thread that started it (see die_with_parent)."""
    with log.open("wb") as stream:
        process = subprocess.Popen(
            [str(binary.resolve()), "-debug"],
            cwd=log.parent,
            env=dict(environment),
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
    provider = WarmProvider(process, "")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if found := REATTACH.search(log.read_text(errors="replace")):
            provider.reattach = found["json"]
            return provider
        time.sleep(0.2)
    provider.stop()
    raise RuntimeError(f"the provider did not start: {log.read_text(errors='replace')}")


def mirrored_provider() -> Path:
    """The provider binary in the mirror (the newest version there, for this platform)."""
    machine = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
    found = sorted(
        (_mirror() / PROVIDER).glob(
            f"*/{platform.system().lower()}_{machine}/terraform-provider-*"
        ),
        key=lambda p: tuple(int(n) for n in re.findall(r"\d+", p.parent.parent.name)),
    )
    if not found:
        raise RuntimeError(f"no provider binary under {_mirror() / PROVIDER}")
    return found[-1]


def _mirror() -> Path:
    candidates = [os.environ.get("STACKWRIGHT_PROVIDER_MIRROR", ""), *MIRROR_CANDIDATES]
    for candidate in filter(None, candidates):
        if (Path(candidate) / PROVIDER).is_dir():
            return Path(candidate)
    looked = ", ".join(filter(None, candidates))
    raise RuntimeError(
        f"no filesystem mirror of {PROVIDER} found (looked in {looked}); "
        "set STACKWRIGHT_PROVIDER_MIRROR to a folder holding one"
    )


@cache
def terraform() -> Terraform:
    binary = shutil.which("terraform")
    if binary is None:
        raise RuntimeError("the Terraform CLI is not on PATH")
    home = Path(tempfile.mkdtemp(prefix="stackwright-terraform-"))
    (home / "plugin-cache").mkdir()
    config = home / "terraformrc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{_mirror()}"\n    include = ["{PROVIDER}"]\n  }}\n'
        f'  direct {{\n    exclude = ["{PROVIDER}"]\n  }}\n'
        "}\n"
        f'plugin_cache_dir = "{home / "plugin-cache"}"\n'
        "plugin_cache_may_break_dependency_lock_file = true\n",
        encoding="utf-8",
    )
    environment = {
        **os.environ,
        "TF_CLI_CONFIG_FILE": str(config),
        "TF_IN_AUTOMATION": "1",
        "CHECKPOINT_DISABLE": "1",
        "NO_COLOR": "1",
    }
    return Terraform(binary, environment)


def evaluate(folder: Path, expression: str) -> str:
    """The string an HCL expression gives, as `terraform console` evaluates it in `folder`
    (its .tf files may define locals; no provider is needed)."""
    result = subprocess.run(
        [shutil.which("terraform") or "terraform", "console"],
        input=f"base64encode({expression})\n",
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CLI_CONFIG_FILE": "/dev/null", "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return base64.b64decode(result.stdout.strip().strip('"')).decode("utf-8")
