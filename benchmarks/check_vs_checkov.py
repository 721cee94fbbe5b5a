"""`stackwright check` on every example environment, whole process, beside Checkov on the
Terraform `stackwright build` writes for the same environment.

Run on demand (Checkov takes seconds a root): `python benchmarks/check_vs_checkov.py [EXAMPLE]`.
Timings come from `farm-bench` (median of its runs, start-up included); each row runs A (check)
and B (Checkov) in turn, so the ratio B/A is taken pair by pair. Prints a Markdown table.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = "3"
ROW = re.compile(
    r"^(?P<who>A|B|A/B) wall s?\s+(?P<min>[\d.]+)\s+(?P<median>[\d.]+)\s+(?P<max>[\d.]+)"
)


def medians(output: str) -> dict[str, float]:
    found = {}
    for line in output.splitlines():
        match = ROW.match(line.strip())
        if match:
            found[match["who"]] = float(match["median"])
    return found


def bench(stack: Path, environment: str, root: Path) -> dict[str, float]:
    check = f"stackwright check {stack} --env {environment} --fail-on never"
    checkov = f"checkov -d {root} --quiet --compact --skip-download"
    result = subprocess.run(
        ["farm-bench", "-n", RUNS, "--timeout", "600", "--vs", checkov, "--", *check.split()],
        capture_output=True,
        text=True,
        check=True,
    )
    return medians(result.stdout + result.stderr)


def main(selected: list[str]) -> None:
    if shutil.which("checkov") is None or shutil.which("farm-bench") is None:
        sys.exit("needs checkov (pip install -e '.[test]') and farm-bench on PATH")
    examples = sorted(p for p in (ROOT / "examples").iterdir() if (p / "stack.yaml").exists())
    if selected:
        examples = [e for e in examples if e.name in selected]
    print("| example | environment | check: wall s | Checkov: wall s | Checkov / check |")
    print("| --- | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as work:
        for example in examples:
            out = Path(work) / example.name
            subprocess.run(
                ["stackwright", "build", str(example / "stack.yaml"), "-o", str(out)],
                check=True,
                capture_output=True,
            )
            for root in sorted((out / "terraform").iterdir()):
                if root.name == "bootstrap":
                    continue
                times = bench(example / "stack.yaml", root.name, root)
                ratio = times["B"] / times["A"]
                print(
                    f"| {example.name} | {root.name} | {times['A']:.3f} | {times['B']:.2f} "
                    f"| {ratio:.1f}× |",
                    flush=True,
                )


if __name__ == "__main__":
    main(sys.argv[1:])
