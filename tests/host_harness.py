"""Run a built phase-1 host's user data as the host would, with outside commands stubbed.

1. `render_user_data` has Terraform itself (`terraform console`, no provider needed) evaluate
   the `user_data = templatefile(...)` expression written into compute.tf; the values only
   AWS knows (ARNs, endpoints) stand in as their own reference text.
2. `run_user_data` executes it under bash in a private mount namespace (`unshare`), with
   tmpfs over /etc, /opt, /var, /usr/local, /root and /tmp so nothing outside is touched.
   PATH holds only stubs (dnf, systemctl, curl, aws, docker, certbot, openssl, the CloudWatch
   agent), which log their arguments, and the few real tools the scripts use. The oracles: no
   other command was looked up, each stub got the arguments the scripts give it, and no
   canary file (`*pwned*`, `*stackwright-canary*`) appeared anywhere.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

import hcl2
import yaml

from tests.terraform_cli import evaluate

# systemctl runs what a unit would: each ExecStartPre= then ExecStart= line of a .service
# (started, enabled --now or restarted); a timer is only recorded. Its exit status is the
# unit's, as `systemctl start` reports it.
SYSTEMCTL = r"""
[ "$1" = enable ] || [ "$1" = start ] || [ "$1" = restart ] || exit 0
[ "$1" = enable ] && [ "${2:-}" != --now ] && exit 0
status=0
for unit in "$@"; do
  file="/etc/systemd/system/$unit"
  case "$unit" in *.service) [ -f "$file" ] || continue ;; *) continue ;; esac
  while IFS= read -r line; do
    case "$line" in
      ExecStartPre=*|ExecStart=*)
        read -r -a words <<< "${line#*=}"
        "${words[@]}" || { status=$?; break; } ;;
    esac
  done < "$file"
  echo "$unit $status" >> /harness/units.log
done
exit "$status"
"""
# docker lists the Compose services the host's compose.yaml starts (written by the harness),
# and fails `up` for those listed in /harness/docker-fails (an image not pushed yet).
DOCKER = r"""
case "$*" in
  "compose config --services") cat /harness/services.txt ;;
  "compose up "*) service="${*: -1}"; ! grep -qx "$service" /harness/docker-fails ;;
esac
"""
STUBS = {
    "dnf": "",
    "systemctl": SYSTEMCTL,
    "curl": 'while [ $# -gt 0 ]; do [ "$1" = -o ] && : > "$2"; shift; done\n',
    "certbot": "",
    "openssl": "",
    "amazon-cloudwatch-agent-ctl": "",
    "aws": textwrap.dedent(
        """\
        case "$*" in
          *get-login-password*) echo stub-token ;;
          *)
            if [ -e /harness/secrets-empty ]; then
              echo "ResourceNotFoundException: no value for AWSCURRENT" >&2
              exit 254
            fi
            echo "stub-$1" ;;
        esac
        """
    ),
    "docker": DOCKER,
}
# The real tools the scripts use besides bash's builtins; nothing else is on PATH.
REAL_TOOLS = ("base64", "gunzip", "jq", "sed", "cat", "install", "mkdir", "chmod", "ln", "uname")
REAL_TOOLS += ("dirname", "gzip", "grep", "cut", "rm")
HIDDEN = ("/etc", "/opt", "/var", "/usr/local", "/root", "/tmp")


def _in_strings(source: str) -> list[bool]:
    """For each character of HCL text, whether it is inside a quoted string."""
    inside, escaped, mask = False, False, []
    for char in source:
        mask.append(inside or char == '"')
        if inside and escaped:
            escaped = False
        elif inside and char == "\\":
            escaped = True
        elif char == '"':
            inside = not inside
    return mask


def _expression(source: str, start: str) -> str:
    """The HCL expression that starts at `start` in `source`, to its closing bracket."""
    begin, depth = source.index(start), 0
    mask = _in_strings(source)
    for position in range(begin, len(source)):
        if mask[position]:
            continue
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(source[position], 0)
        if depth == 0 and source[position] in ")]}":
            return source[begin : position + 1]
    raise ValueError(f"no end to the expression at {start!r}")


_REFERENCE = re.compile(r"(?<![A-Za-z0-9_.])(?:var|data|aws_[a-z0-9_]+)\.[A-Za-z0-9_.\[\]]+")


def _stand_ins(expression: str) -> str:
    """References outside strings replaced by a string of their own text."""
    mask = _in_strings(expression)
    return _REFERENCE.sub(
        lambda m: m.group() if mask[m.start()] else json.dumps(m.group()), expression
    )


def started_services(root: Path) -> tuple[str, ...]:
    """What `docker compose config --services` lists for a root's host: every service
    outside a profile (a scheduled job's is in `jobs`)."""
    compose = yaml.safe_load((root / "host" / "compose.yaml").read_text(encoding="utf-8"))
    return tuple(n for n, s in compose["services"].items() if not s.get("profiles"))


def compose_ups(run: HostRun) -> list[str]:
    """The services `docker compose up` was asked to start, in order."""
    return [c[-1] for c in run.calls("docker") if c[:2] == ["compose", "up"]]


def render_user_data(root: Path, scratch: Path) -> str:
    compute = (root / "compute.tf").read_text(encoding="utf-8")
    hcl2.loads(compute)  # the file parses: the expression below is what Terraform reads
    expression = _stand_ins(_expression(compute, "templatefile("))
    scratch.mkdir(parents=True, exist_ok=True)
    link = scratch / "host"
    if not link.exists():
        link.symlink_to(root / "host")
    (scratch / "main.tf").write_text(f"locals {{\n  user_data = {expression}\n}}\n")
    return evaluate(scratch, "local.user_data")


@dataclass(frozen=True)
class HostRun:
    code: int
    output: str
    after_code: int  # of the commands run after the boot, in the same host
    after_output: str
    units: list[tuple[str, int]]  # each systemd service started, with its exit status
    files: str  # what the commands after the boot printed to /harness/files.log
    not_found: list[str]  # commands bash looked for and did not find
    stub_calls: list[list[str]]
    canaries: list[str]

    def calls(self, command: str) -> list[list[str]]:
        return [call[1:] for call in self.stub_calls if call[0] == command]


def _stub(name: str, body: str) -> str:
    log = 'line=; for a in "$0" "$@"; do line+="$(printf "%s" "$a" | base64 -w0) "; done'
    return (
        "#!/bin/bash\n"
        f'{log}; printf "%s\\n" "$line" >> /harness/stubs.log\n'
        "[ -t 0 ] || cat > /dev/null\n" + body
    )


_RUNNER = """\
set -u
mkdir -p /run/harness-in
mount -t tmpfs none /run/harness-in
cp -r "$HARNESS"/. /run/harness-in/
for dir in {hidden}; do mount -t tmpfs none "$dir"; done
mkdir -p /harness
mount -t tmpfs none /harness
mkdir -p /etc/systemd/system
cp -r /run/harness-in/. /harness/
: > /harness/stubs.log
: > /harness/not-found.log
PATH=/harness/bin BASH_ENV=/harness/env.sh HOME=/root \\
  /bin/bash /harness/user-data.sh > /harness/output.log 2>&1 < /dev/null
echo "exit=$?"
PATH=/harness/bin BASH_ENV=/harness/env.sh HOME=/root \\
  /bin/bash /harness/after.sh > /harness/after.log 2>&1 < /dev/null
echo "after=$?"
echo "--- output"; cat /harness/output.log
echo "--- stubs"; cat /harness/stubs.log
echo "--- notfound"; cat /harness/not-found.log
echo "--- after"; cat /harness/after.log
echo "--- units"; cat /harness/units.log 2>/dev/null
echo "--- files"; cat /harness/files.log 2>/dev/null
echo "--- canaries"
find {hidden} /harness \\( -name '*pwned*' -o -name '*stackwright-canary*' \\) 2>/dev/null
"""

# Read by every bash the scripts start (BASH_ENV): records each command that is not found.
_ENV = """\
command_not_found_handle() { printf '%s\\n' "$1" >> /harness/not-found.log; return 127; }
"""


def run_user_data(
    user_data: str,
    scratch: Path,
    *,
    services: tuple[str, ...] = (),
    after: str = "",
    empty_secrets: bool = False,
    missing_images: tuple[str, ...] = (),
) -> HostRun:
    """Boot with `user_data`, then run the bash commands `after` in the same host. `services`:
    what `docker compose config --services` lists; `empty_secrets`: no secret has a value yet;
    `missing_images`: services whose image `docker compose up` cannot pull."""
    if shutil.which("unshare") is None or shutil.which("jq") is None:
        raise RuntimeError("running the host's scripts needs unshare and jq (Debian packages)")
    harness = scratch / "harness"
    (harness / "bin").mkdir(parents=True, exist_ok=True)
    (harness / "user-data.sh").write_text(user_data, encoding="utf-8")
    (harness / "env.sh").write_text(_ENV, encoding="utf-8")
    (harness / "after.sh").write_text(after or ":\n", encoding="utf-8")
    (harness / "services.txt").write_text("".join(f"{s}\n" for s in services))
    (harness / "docker-fails").write_text("".join(f"{s}\n" for s in missing_images))
    if empty_secrets:
        (harness / "secrets-empty").write_text("")
    for name, body in STUBS.items():
        stub = harness / "bin" / name
        stub.write_text(_stub(name, body), encoding="utf-8")
        stub.chmod(0o755)
    for tool in REAL_TOOLS:
        found = shutil.which(tool)
        assert found, tool
        link = harness / "bin" / tool
        if not link.exists():
            link.symlink_to(found)
    runner = _RUNNER.replace("{hidden}", " ".join(HIDDEN))
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "--fork", "bash", "-c", runner],
        env={"HARNESS": str(harness), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    sections = dict(re.findall(r"^--- (\w+)\n(.*?)(?=^--- |\Z)", result.stdout, flags=re.M | re.S))
    code = int(result.stdout.split("\n", 1)[0].removeprefix("exit="))
    after_code = int(result.stdout.split("\n", 2)[1].removeprefix("after="))
    units = [
        (unit, int(status))
        for unit, status in (line.split() for line in sections.get("units", "").splitlines())
    ]
    stub_calls = [
        [Path(words[0]).name, *(base64.b64decode(w).decode("utf-8") for w in words[1:])]
        for words in (
            [base64.b64decode(w).decode("utf-8") for w in line.split()[:1]] + line.split()[1:]
            for line in sections.get("stubs", "").splitlines()
            if line.strip()
        )
    ]
    return HostRun(
        code,
        sections.get("output", ""),
        after_code,
        sections.get("after", ""),
        units,
        sections.get("files", ""),
        sections.get("notfound", "").split(),
        stub_calls,
        sections.get("canaries", "").split(),
    )
