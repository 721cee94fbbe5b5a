"""Everything `stackwright build` writes, as relative path → text."""

from __future__ import annotations

from stackwright.emit.terraform import bootstrap_root, environment_root
from stackwright.plan import plan_environment
from stackwright.stack.load import StackFile


def terraform_files(stack_file: StackFile) -> dict[str, str]:
    files: dict[str, str] = {}
    for name in stack_file.environments:
        plan = plan_environment(stack_file, name)
        for file, text in environment_root(plan).items():
            files[f"terraform/{name}/{file}"] = text
    for file, text in bootstrap_root(stack_file.stack.name, stack_file.stack.region).items():
        files[f"terraform/bootstrap/{file}"] = text
    return files
