"""A wide stack: many routed services in many environments (the review's stress case H4).

Run: python benchmarks/many_environments.py > /tmp/wide.yaml, then time the commands as whole
processes (results in RESULTS.md):
    farm-bench -n 3 -- sh -c 'rm -rf /tmp/wide && stackwright build /tmp/wide.yaml -o /tmp/wide'
    farm-bench -n 3 -- stackwright plan --json /tmp/wide.yaml
"""

from __future__ import annotations

import argparse


def generate(services: int, environments: int) -> str:
    lines = ["name: shop", "services:", "  s0: {port: 80}"]
    lines += [f"  s{i}: {{port: {8000 + i}, path: /s{i}/*}}" for i in range(1, services)]
    lines.append("environments:")
    lines += [f"  e{i}: {{phase: {1 + i % 4}}}" for i in range(environments)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=98)
    parser.add_argument("--environments", type=int, default=122)
    arguments = parser.parse_args()
    print(generate(arguments.services, arguments.environments), end="")
