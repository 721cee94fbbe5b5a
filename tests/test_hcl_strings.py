"""Text written into Terraform is a literal by construction: Terraform reads back exactly the
text given, whatever it holds; AWS names fit their limits and stay unique."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stackwright.aws.names import NAME_LIMITS, aws_name, fit
from stackwright.emit.terraform.context import label
from stackwright.emit.terraform.hcl import Block, Comment, Raw, interpolate, render_file
from tests.terraform_cli import evaluate

NASTY = [
    'a"b',
    "back\\slash",
    '${file("/etc/hostname")}',
    "%{ if true }x%{ endif }",
    "$${already}",
    "$$",
    "end$",
    "new\nline\r\ttab",
    "bell\x07nul\x00esc\x1b del\x7f c1\x85",
    "\b\f",
    "ünïcødé ✓ \u2028 \U0001f600",
    'docker.io/library/nginx:1.27", user = "0',
]


def terraform_reads(hcl: str, expression: str, scratch: Path) -> object:
    (scratch / "main.tf").write_text(hcl, encoding="utf-8")
    return json.loads(evaluate(scratch, f"jsonencode({expression})"))


def test_terraform_reads_back_every_literal_exactly(tmp_path: Path) -> None:
    locals_block = Block("locals")
    locals_block.attr("values", NASTY)
    locals_block.attr("keys", {text: text for text in NASTY})
    locals_block.attr("joined", interpolate("pre ", Raw("local.values[0]"), " $${x} ", NASTY[2]))
    text = render_file([Comment("a comment\nwith $ {} \x1b and \r inside"), locals_block])
    assert terraform_reads(text, "local.values", tmp_path) == NASTY
    assert terraform_reads(text, "local.keys", tmp_path) == {t: t for t in NASTY}
    assert terraform_reads(text, "local.joined", tmp_path) == f'pre a"b $${{x}} {NASTY[2]}'


def test_a_label_is_an_identifier_or_refused() -> None:
    assert label("my-app.v2") == "my_app_v2"
    for bad in ("a b", 'x"y', "k;id", "${x}", "", "1x"):
        with pytest.raises(ValueError):
            label(bad)


def test_long_names_fit_with_a_stable_unique_hash() -> None:
    stack = "riverside-transit-headway-monitors"
    prod = aws_name("aws_lb", stack, "prod", "alb")
    staging = aws_name("aws_lb", stack, "staging", "alb")
    assert len(prod) <= 32 and len(staging) <= 32 and prod != staging
    assert prod == aws_name("aws_lb", stack, "prod", "alb")
    assert prod.startswith("riverside-transit-headway")
    cache = aws_name("aws_elasticache_replication_group", stack, "prod", "cache")
    assert len(cache) <= 40 and not cache.endswith("-") and "--" not in cache
    assert aws_name("aws_iam_role", "shop", "prod", "web-execution") == "shop-prod-web-execution"
    for limit in NAME_LIMITS.values():
        long = "-".join(["a" * 40] * 3)
        fitted = fit(long, limit)
        assert len(fitted) <= limit and not fitted.endswith("-")
