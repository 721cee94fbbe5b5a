"""The hashicorp/aws provider schema the emitted Terraform is checked against (see README.md)."""
