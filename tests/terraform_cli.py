"""Terraform's own verdict, offline: the Terraform CLI and the hashicorp/aws provider from a
filesystem mirror on this machine (nothing is downloaded).

The mirror is looked for in $STACKWRIGHT_PROVIDER_MIRROR, then /opt/tf-plugins; the CLI on PATH.
A session-wide plugin cache makes every `init` after the first a symlink.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MIRROR_CANDIDATES = ("/opt/tf-plugins",)
PROVIDER = "registry.terraform.io/hashicorp/aws"


@dataclass(frozen=True)
class Terraform:
    binary: str
    environment: dict[str, str]

    def run(self, root: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.binary, *args],
            cwd=root,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def validate(self, root: Path) -> list[str]:
        """Terraform's errors for one root (init without a backend, then validate)."""
        init = self.run(root, "init", "-backend=false", "-input=false", "-no-color")
        if init.returncode:
            return [f"init: {init.stderr.strip() or init.stdout.strip()}"]
        result = self.run(root, "validate", "-json", "-no-color")
        report = json.loads(result.stdout)
        return [
            f"{d.get('summary')}: {d.get('detail', '')} ({json.dumps(d.get('range'))})"
            for d in report.get("diagnostics", [])
            if d.get("severity") == "error"
        ]


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
