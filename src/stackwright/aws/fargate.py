"""The task sizes Fargate accepts (Linux), in CPU units and MiB.

Source: Amazon ECS Developer Guide, "Task CPU and memory" table for Fargate (read 2026-11).
"""

from __future__ import annotations


def _steps(start: int, stop: int, step: int) -> tuple[int, ...]:
    return tuple(range(start, stop + 1, step))


FARGATE_SIZES: dict[int, tuple[int, ...]] = {
    256: (512, 1024, 2048),
    512: _steps(1024, 4096, 1024),
    1024: _steps(2048, 8192, 1024),
    2048: _steps(4096, 16384, 1024),
    4096: _steps(8192, 30720, 1024),
    8192: _steps(16384, 61440, 4096),
    16384: _steps(32768, 122880, 8192),
}


def is_valid_size(cpu: int, memory: int) -> bool:
    return memory in FARGATE_SIZES.get(cpu, ())


def describe_sizes() -> str:
    """A one-paragraph list of the valid combinations, for error messages."""
    parts = []
    for cpu, memories in FARGATE_SIZES.items():
        low, high = memories[0], memories[-1]
        if len(memories) <= 3:
            mem = ", ".join(str(m) for m in memories)
        else:
            mem = f"{low}-{high} in steps of {memories[1] - memories[0]}"
        parts.append(f"cpu {cpu}: memory {mem}")
    return "; ".join(parts)
