"""Terraform/OpenTofu roots written from a Plan: one per environment, plus `bootstrap`."""

from stackwright.emit.terraform.root import bootstrap_root, environment_root

__all__ = ["bootstrap_root", "environment_root"]
