"""Load + plan + cost wall time and peak memory for generated stacks of 10, 100, 1,000 services.

Run: python benchmarks/plan_scale.py [--sizes 10 100 1000] [--repeat 3]
Each size runs in a fresh process so peak memory (max RSS) belongs to that size alone.
Target: 1,000 services in under 2 s and 300 MB (load + plan + cost; peak memory is read before
the Terraform is built). The last two columns time `build`'s Terraform for the same stacks.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(services: int) -> str:
    lines = ["name: bench", "domain: bench.example.com", "services:"]
    for i in range(services):
        name = f"svc-{i:04d}"
        if i == 0:
            lines += [f"  {name}:", "    port: 8000", "    health_check: /health"]
        elif i % 10 == 0:
            lines += [f"  {name}:", f"    port: {8000 + i}", f"    path: /s{i}/*"]
        elif i % 10 == 5:
            lines += [f"  {name}:", "    schedule: 1h", "    command: run"]
        else:
            lines += [f"  {name}:", "    kind: worker", f"    port: {8000 + i}"]
        peer = f"svc-{(i + 1) % services:04d}" if services > 1 else None
        uses = ["postgres", "redis", "files", "jobs", "api_key"]
        if peer and (i + 1) % services % 10 != 5 and peer != name:
            uses.append(peer)
        lines.append(f"    uses: [{', '.join(uses)}]")
    lines += [
        "postgres: {}",
        "redis: {}",
        "buckets: {files: {}}",
        "queues: {jobs: {}}",
        "secrets: [api_key]",
        "budget: {monthly_usd: 100000}",
        "environments:",
        "  prod: {phase: 3}",
        "  staging: {phase: 2}",
    ]
    return "\n".join(lines) + "\n"


def measure(path: str) -> dict[str, float]:
    """Runs in the child process: time load + plan + cost for every environment."""
    start = time.perf_counter()
    from stackwright.cost import cost_plan
    from stackwright.plan import plan_all
    from stackwright.stack import load_stack

    imported = time.perf_counter()
    stack_file = load_stack(path)
    loaded = time.perf_counter()
    plans = plan_all(stack_file)
    planned = time.perf_counter()
    costs = [cost_plan(p) for p in plans]
    costed = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from stackwright.emit.build import terraform_files

    files = terraform_files(stack_file)
    built = time.perf_counter()
    return {
        "import_s": imported - start,
        "load_s": loaded - imported,
        "plan_s": planned - loaded,
        "cost_s": costed - planned,
        "total_s": costed - imported,
        "peak_mb": peak_kb / 1024,
        "build_s": built - costed,
        "terraform_kib": sum(len(text) for text in files.values()) / 1024,
        "resources": sum(len(p.resources) for p in plans),
        "lines": sum(len(r.lines) for c in costs for r in c.resources),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(
        "| services | resources | cost lines | load s | plan s | cost s | "
        "load+plan+cost s (best) | peak MB | build s | Terraform KiB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"stack-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            runs = []
            for _ in range(args.repeat):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                runs.append(json.loads(out))
            best = min(runs, key=lambda r: r["total_s"])
            peak = max(r["peak_mb"] for r in runs)
            print(
                f"| {size:,} | {best['resources']:,} | {best['lines']:,} | "
                f"{best['load_s']:.3f} | {best['plan_s']:.3f} | {best['cost_s']:.3f} | "
                f"{best['total_s']:.3f} | {peak:.0f} | {best['build_s']:.2f} | "
                f"{best['terraform_kib']:,.0f} |"
            )


if __name__ == "__main__":
    main()
