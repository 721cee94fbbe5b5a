"""Everything `stackwright build` writes, as relative path → text."""

from __future__ import annotations

from stackwright.emit.terraform import bootstrap_root, environment_root
from stackwright.plan import plan_environment
from stackwright.stack.load import StackFile


def terraform_files(stack_file: StackFile) -> dict[str, str]:
    files: dict[str, str] = {}
    plans = [plan_environment(stack_file, name) for name in stack_file.environments]
    for plan in plans:
        for file, text in environment_root(plan).items():
            files[f"terraform/{plan.environment}/{file}"] = text
    for file, text in bootstrap_root(plans).items():
        files[f"terraform/bootstrap/{file}"] = text
    return files
