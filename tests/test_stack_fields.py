"""Every text field holds only what its consumers (shell, Terraform, nginx, AWS) accept, and says
so at the user's line; what AWS or Terraform would reject is refused before `build`."""

from __future__ import annotations

import pytest

from stackwright.stack import StackError, load_text

BASE = "name: shop\nservices:\n  web: {port: 80, uses: [postgres]}\npostgres: {}\n"


def problems(text: str) -> list[str]:
    with pytest.raises(StackError) as caught:
        load_text(text, "stack.yaml")
    return [str(p) for p in caught.value.problems]


REFUSED = [
    # names: fullmatch, no '--', no trailing '-', at most 40 characters
    ('name: "shop\\n"\nservices: {web: {port: 80}}\n', "name: 'shop\\n' is not a usable name"),
    ('name: shop\nservices: {"web\\n": {port: 80}}\n', "'web\\n' is not a usable name"),
    ("name: shop--\nservices: {web: {port: 80}}\n", "'shop--' is not a usable name"),
    ("name: shop\nservices: {web-: {port: 80}}\n", "'web-' is not a usable name"),
    ("name: shop\nservices: {web: {port: 80}}\nenvironments: {prod-: {}}\n", "not a usable"),
    ("name: " + "a" * 41 + "\nservices: {web: {port: 80}}\n", "at most 40 characters"),
    (
        "name: shop\nservices: {web: {port: 80}}\nenvironments: {prod: {}, bootstrap: {}}\n",
        "environments.bootstrap: 'bootstrap' is reserved",
    ),
    # secret names
    ("name: shop\nservices: {web: {port: 80}}\nsecrets: ['k;touch /tmp/p;']\n", "secret name"),
    ("name: shop\nservices: {web: {port: 80}}\nsecrets: ['my key.x']\n", "secret name"),
    ("name: shop\nservices: {web: {port: 80}}\nsecrets: ['k${x}']\n", "secret name"),
    ("name: shop\nservices: {web: {port: 80}}\nsecrets: [API_KEY]\n", "write 'api_key'"),
    ("name: shop\nservices: {web: {port: 80}}\nsecrets: [" + "k" * 600 + "]\n", "secret name"),
    (
        "name: shop\nservices: {web: {port: 80}}\nsecrets: [api-key, api_key]\n",
        "'api_key' and 'api-key' both reach services as API_KEY",
    ),
    # domains: RFC 1123, lower case, at most 64 characters
    ("name: shop\ndomain: 'x$(touch /tmp/p).example.com'\nservices: {web: {port: 80}}\n", "domain"),
    (
        "name: shop\ndomain: 'example.com; } server { listen 8080; } #'\n"
        "services: {web: {port: 80}}\n",
        "not a domain name",
    ),
    (
        "name: shop\nservices: {web: {port: 80}}\nenvironments: {staging: {domain: a..b}}\n",
        "domain",
    ),
    ("name: shop\ndomain: -x.com\nservices: {web: {port: 80}}\n", "not a domain name"),
    ("name: shop\ndomain: exämple.com\nservices: {web: {port: 80}}\n", "'xn--exmple-cua.com'"),
    ("name: shop\ndomain: Shop.Example.com\nservices: {web: {port: 80}}\n", "lower case"),
    ("name: shop\ndomain: " + "a" * 64 + ".com\nservices: {web: {port: 80}}\n", "not a domain"),
    ("name: shop\ndomain: localhost\nservices: {web: {port: 80}}\n", "at least two labels"),
    ("name: shop\ndomain: 'a b.com'\nservices: {web: {port: 80}}\n", "not a domain name"),
    # routes, host rules, health checks
    (
        "name: shop\nservices:\n  web: {port: 80}\n"
        '  api: {port: 90, path: "/api/*\\nNGINX\\nid"}\n',
        "is not a route",
    ),
    (
        "name: shop\nservices:\n  web: {port: 80}\n"
        "  api: {port: 90, path: '/api { proxy_pass http://169.254.169.254/; } location /x'}\n",
        "is not a route",
    ),
    ("name: shop\nservices:\n  web: {port: 80}\n  api: {port: 90, path: api/*}\n", "not a route"),
    ("name: shop\nservices:\n  web: {port: 80}\n  api: {port: 90, host: 'a b'}\n", "domain"),
    ("name: shop\nservices:\n  web: {port: 80, health_check: '/h;touch /tmp/p'}\n", "health"),
    ("name: shop\nservices:\n  web: {port: 80, health_check: health}\n", "health-check path"),
    # images: OCI references, or a repository name stackwright creates
    (
        "name: shop\nservices:\n"
        "  web: {port: 80, image: 'docker.io/library/nginx:1.27\", user = \"0'}\n",
        "not an image reference",
    ),
    (
        "name: shop\nservices:\n"
        "  web: {port: 80, image: 'public.ecr.aws/x/y:${file(\"/etc/hostname\")}'}\n",
        "not an image reference",
    ),
    ("name: shop\nservices:\n  web: {port: 80, image: 'SWX1%{SWX2}'}\n", "not a repository name"),
    ('name: shop\nservices:\n  web: {port: 80, image: "SWX1\\0SWX2"}\n', "not a repository name"),
    ("name: shop\nservices:\n  web: {port: 80, image: 'nginx${x}'}\n", "not a repository name"),
    ("name: shop\nservices:\n  web: {port: 80, image: MyApp}\n", "not a repository name"),
    ("name: shop\nservices:\n  web: {port: 80, image: 'r/" + "a" * 260 + ":1'}\n", "image"),
    # the VPC block
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 10.0.0.1/16}\n", "host bits"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: foo}\n", "not an IPv4 block"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 300.0.0.0/16}\n", "IPv4 block"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 10.0.0.0/27}\n", "/16 to a /19"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 10.0.0.0/30}\n", "/16 to a /19"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 10.0.0.0/8}\n", "/16 to a /19"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: '::/0'}\n", "IPv4 block"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 'fd00::/8'}\n", "IPv4 block"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 0.0.0.0/0}\n", "private block"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 8.8.0.0/16}\n", "private block"),
    ("name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 10.0.0.0}\n", "IPv4 block"),
    # versions, extensions, e-mail, origins, descriptions, commands, schedules
    (BASE.replace("postgres: {}", "postgres: {version: '16\"'}"), "not a version"),
    (BASE.replace("postgres: {}", "postgres: {extensions: ['x; drop']}"), "extension"),
    ("name: shop\nservices: {web: {port: 80}}\nredis: {version: '7-alpine; id'}\n", "version"),
    ("name: shop\nservices: {web: {port: 80}}\nsearch: {engine_version: x}\n", "engine version"),
    ("name: shop\nservices: {web: {port: 80}}\nalarms: {email: 'a b'}\n", "e-mail"),
    ("name: shop\nservices: {web: {port: 80}}\nbudget: {monthly_usd: 5, email: x}\n", "e-mail"),
    (
        "name: shop\nservices: {web: {port: 80}}\nbuckets: {b: {cors: {origins: ['x\"y']}}}\n",
        "not an origin",
    ),
    (
        'name: shop\nservices: {web: {port: 80}}\nsecrets: {k: {description: "a\\u0007b"}}\n',
        "control character",
    ),
    ('name: shop\nservices:\n  web: {port: 80, command: "run\\u001b[2J"}\n', "control character"),
    ("name: shop\nservices:\n  web: {port: 80, command: '  '}\n", "an empty command"),
    ("name: shop\nservices:\n  tick: {schedule: '0 ٣ * * *', command: x}\n", "neither a rate"),
    ("name: shop\nservices:\n  tick: {schedule: '0 2 * * ? 20x', command: x}\n", "year"),
    ("name: shop\nservices:\n  tick: {schedule: '99999999d', command: x}\n", "more than a year"),
    ("name: shop\nservices:\n  tick: {schedule: '0 2 * * *;id', command: x}\n", "neither a rate"),
    # environment variables
    ("name: shop\nservices:\n  web: {port: 80, environment: {'A B': x}}\n", "environment variable"),
    ("name: shop\nservices:\n  web: {port: 80, environment: {1X: x}}\n", "environment variable"),
]


@pytest.mark.parametrize(("text", "says"), REFUSED)
def test_refused_with_one_message_at_its_line(text: str, says: str) -> None:
    found = problems(text)
    assert any(says in message for message in found), found
    assert all(message.startswith("stack.yaml:") and "\n" not in message for message in found)


ACCEPTED = [
    "name: shop\ndomain: shop.example.com\nservices: {web: {port: 80}}\n",
    "name: shop\ndomain: xn--exmple-cua.com\nservices: {web: {port: 80}}\n",
    "name: a1-b2\nservices: {web-2: {port: 80}}\nenvironments: {prod-eu: {}}\n",
    "name: shop\nservices:\n  web: {port: 80, image: nginx:1.27}\n",
    "name: shop\nservices:\n  web: {port: 80, image: public.ecr.aws/nginx/nginx:1.27-alpine}\n",
    "name: shop\nservices:\n  web: {port: 80, image: 'localhost:5000/team/app@sha256:"
    + "a" * 64
    + "'}\n",
    "name: shop\nservices:\n  web: {port: 80, image: ghcr.io/org/app_x:v1.2}\n",
    "name: shop\nservices:\n  web: {port: 80, health_check: '/healthz?full=1'}\n"
    "  api: {port: 81, path: /api/v1/*, host: '*.example.com'}\n",
    "name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 172.20.0.0/19}\n",
    "name: shop\nservices: {web: {port: 80}}\ntopology: {cidr: 192.168.0.0/16}\n",
    "name: shop\nservices: {web: {port: 80}}\nsecrets: [stripe_key, db-url]\n",
    "name: shop\nservices: {web: {port: 80}}\nbuckets: {b: {cors: {origins: "
    "['https://*.example.com', 'http://localhost:3000', '*']}}}\n",
    "name: shop\nservices:\n  tick: {schedule: 'cron(0 2 ? * MON-FRI 2030-2035)', command: x}\n",
    "name: shop\nservices:\n  web: {port: 80, environment: {TOKEN_TTL: '3600', "
    "PASSWORD_MIN_LENGTH: '12', STRIPE_PUBLISHABLE_KEY: pk_live_1, FEATURE_KEY: 'on', "
    "DATABASE_URL: 'postgres://app@db:5432/app'}}\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted(text: str) -> None:
    load_text(text)


@pytest.mark.parametrize(
    ("setting", "why"),
    [
        ("DB_PASSWORD: hunter2", "DB_PASSWORD looks like a secret"),
        ("STRIPE_API_KEY: sk_live_123", "STRIPE_API_KEY looks like a secret"),
        ("GITHUB_TOKEN: ghp_x", "GITHUB_TOKEN looks like a secret"),
        ("SECRET_KEY_BASE: abc", "SECRET_KEY_BASE looks like a secret"),
        ("jwt_secret: abc", "jwt_secret looks like a secret"),
        ("DATABASE_URL: 'postgres://app:hunter2@db/app'", "a URL with a password in it"),
        ("REDIS_URL: 'redis://:hunter2@cache:6379'", "a URL with a password in it"),
    ],
)
def test_a_secret_written_as_a_setting_is_refused(setting: str, why: str) -> None:
    text = f"name: shop\nservices:\n  web:\n    port: 80\n    environment:\n      {setting}\n"
    (message,) = problems(text)
    variable = setting.split(":")[0]
    assert message.startswith(f"stack.yaml:6:7: services.web.environment.{variable}: ")
    assert why in message
    assert "declare it under `secrets:`" in message


def test_a_setting_that_shadows_a_used_secret_is_refused() -> None:
    text = (
        "name: shop\nsecrets: [stripe_key]\nservices:\n  web:\n    port: 80\n"
        "    uses: [stripe_key]\n    environment: {STRIPE_KEY_ID: x, STRIPE_KEY: 'on'}\n"
    )
    (message,) = problems(text)
    assert "STRIPE_KEY is also the secret 'stripe_key' this service uses" in message


def test_a_derived_environment_domain_must_fit_a_certificate_too() -> None:
    domain = "a" * 50 + ".example.com"
    (message,) = problems(
        f"name: shop\ndomain: {domain}\nservices: {{web: {{port: 80}}}}\n"
        "environments:\n  prod: {}\n  staging: {}\n"
    )
    assert message.startswith(
        f"stack.yaml:6:3: environments.staging: this environment's domain would be staging.{domain}"
    )
    assert "give it a `domain:` of its own" in message


COLLISIONS = [
    ("name: shop\nservices:\n  nginx: {image: 'busybox:1'}\n", "'nginx' is reserved"),
    ("name: shop\nservices:\n  redis: {}\nredis: {}\n", "'redis' is reserved"),
    (
        "name: shop\nservices:\n  web: {port: 80}\n  api: {port: 81, path: /*}\n",
        "'web' already takes the load balancer's default route",
    ),
    (
        "name: shop\nservices:\n  web: {port: 80}\n"
        "  a: {port: 81, path: /a/*, host: x.example.com}\n"
        "  b: {port: 82, path: /a/*, host: x.example.com}\n",
        "services.b.path: 'a' already takes this route",
    ),
    (
        "name: shop\nservices:\n  web: {port: 80}\nqueues: {jobs: {}, jobs-dead-letter: {}}\n",
        "queues.jobs-dead-letter: this is the name of the dead-letter queue of 'jobs'",
    ),
    (
        "name: shop\nservices:\n  web: {port: 80}\nenvironments:\n"
        "  prod: {}\n  staging: {overrides: {name: other}}\n",
        "an environment cannot override `name`",
    ),
    ("name: shop\nservices:\n  t: {schedule: '0 2 1 * MON', command: x}\n", "not both"),
    ("name: shop\nservices:\n  t: {schedule: 'cron(0 2 ? * ? *)', command: x}\n", "not both"),
    ("name: shop\nservices: {web: {port: 80}}\ndr: {rto: '1ſ'}\n", "'1ſ' is not a duration"),
    ("name: shop\nservices:\n  web: {port: 80, run_minutes: 5mın}\n", "not a duration"),
    (
        "name: shop\nservices:\n"
        + "".join(f"  s{i}: {{}}\n" for i in range(1001))
        + "environments: {prod: {}}\n",
        "at most 1000 items",
    ),
    (
        "name: shop\nservices: {web: {port: 80}}\nenvironments:\n"
        + "".join(f"  e{i}: {{}}\n" for i in range(51)),
        "at most 50 items",
    ),
]


@pytest.mark.parametrize(("text", "says"), COLLISIONS)
def test_names_and_routes_that_would_collide_are_refused(text: str, says: str) -> None:
    found = problems(text)
    assert any(says in message for message in found), found


def test_problems_stop_at_fifty() -> None:
    services = "".join(f"  s{i}: {{uses: [t{i}]}}\n" for i in range(200))
    found = problems(f"name: shop\nservices:\n{services}")
    assert len(found) == 51 and "stopped after 50 problems" in found[-1]
