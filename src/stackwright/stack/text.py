"""What each text field of a stack file may hold.

Stack text ends up in shell run as root, in Terraform, in nginx configuration and in AWS API
calls, so every text field is checked here, at load time, against what its consumers accept.
Each check is a plain function that returns the value or raises ValueError with a message that
says what is allowed; `model.py` attaches them to fields. The emitters still quote everything
they write: these checks are the first line, not the only one.
"""

from __future__ import annotations

import ipaddress
import re

NAME_MAX = 40
SECRET_NAME_MAX = 64
ENV_NAME_MAX = 128
DOMAIN_MAX = 64  # the first name of an ACM or Let's Encrypt certificate: 64 octets
HOST_RULE_MAX = 128  # each value of an ALB host-header condition
ROUTE_MAX = 128  # each value of an ALB path-pattern condition
HEALTH_PATH_MAX = 1024  # a target group's health-check path
IMAGE_MAX = 255
VALUE_MAX = 4096
RESERVED_ENVIRONMENTS = ("bootstrap",)  # terraform/bootstrap holds the remote-state root
RESERVED_SERVICES = {
    "postgres": "it names the stack's database in `uses:`",
    "redis": "it names the stack's cache in `uses:`",
    "search": "it names the stack's search domain in `uses:`",
    "nginx": "the phase-1 host runs its proxy under that name",
    "container-insights": "it names the log group of the cluster's performance events",
}
RESERVED_SERVICE_PREFIXES = {
    "postgres-": "the database's log groups are named postgres-<log>, postgres-replica-<n>-<log>",
}

_NAME = re.compile(r"[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*")
_SECRET_NAME = re.compile(r"[a-z](?:[a-z0-9]|[-_](?=[a-z0-9]))*")
NAME_PATTERN = f"^{_NAME.pattern}$"  # for the JSON Schema
SECRET_NAME_PATTERN = f"^{_SECRET_NAME.pattern}$"
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_ROUTE = re.compile(r"/[A-Za-z0-9._~/-]*\*?")
_HEALTH_PATH = re.compile(r"/[A-Za-z0-9._~/-]*(?:\?[A-Za-z0-9._~=&-]*)?")
_VERSION = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){0,2}")
_SEARCH_VERSION = re.compile(r"(?:OpenSearch|Elasticsearch)_[0-9]{1,2}\.[0-9]{1,3}")
_EXTENSION = re.compile(r"[a-z][a-z0-9_]{0,62}")
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}"
)
_PORT = r"(?::[0-9]{1,5})?"

# An OCI image reference (the grammar of the distribution project's reference package):
# [registry[:port]/]path[:tag][@digest], with lower-case paths.
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REGISTRY = (
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)
_IMAGE = re.compile(
    rf"(?:{_REGISTRY}{_PORT}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
    r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?"
)

# RFC 1918: a VPC takes IPv4 blocks; these are the ones that are private everywhere.
_PRIVATE_BLOCKS = tuple(
    ipaddress.IPv4Network(block) for block in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)
VPC_PREFIX_MIN, VPC_PREFIX_MAX = 16, 19

# Environment variable names that hold secrets, by their words: any word PASSWORD or SECRET
# (SECRET_KEY_BASE), or a last word such as KEY or TOKEN (STRIPE_API_KEY, but not TOKEN_TTL).
_SECRET_WORDS = {"PASSWORD", "PASSWD", "SECRET"}
_SECRET_LAST_WORDS = {"KEY", "TOKEN", "PASS", "PWD", "CREDENTIAL", "CREDENTIALS", "PASSPHRASE"}
_SECRET_LAST_WORDS |= {"APIKEY"}
_PUBLIC_WORDS = {"PUBLIC", "PUBLISHABLE"}
_NOT_SECRET_VALUE = re.compile(r"[0-9]*|true|false|yes|no|on|off", re.IGNORECASE | re.ASCII)
_URL_WITH_PASSWORD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@")


def name(value: str) -> str:
    if len(value) <= NAME_MAX and _NAME.fullmatch(value):
        return value
    raise ValueError(
        f"{value!r} is not a usable name: lower-case letters, digits and single hyphens, "
        f"starting with a letter and not ending with a hyphen, at most {NAME_MAX} characters"
    )


def environment_name(value: str) -> str:
    name(value)
    if value in RESERVED_ENVIRONMENTS:
        raise ValueError(
            f"'{value}' is reserved: terraform/{value}/ holds the remote-state root; "
            "call the environment something else"
        )
    return value


def service_name(value: str) -> str:
    name(value)
    if value in RESERVED_SERVICES:
        raise ValueError(f"'{value}' is reserved for services: {RESERVED_SERVICES[value]}")
    for prefix, why in RESERVED_SERVICE_PREFIXES.items():
        if value.startswith(prefix):
            raise ValueError(f"a service name may not start with '{prefix}': {why}")
    return value


def secret_name(value: str) -> str:
    if len(value) <= SECRET_NAME_MAX and _SECRET_NAME.fullmatch(value):
        return value
    hint = f"; write '{value.lower()}'" if _SECRET_NAME.fullmatch(value.lower()) else ""
    raise ValueError(
        f"{value!r} is not a usable secret name: lower-case letters, digits, '_' and '-', "
        f"starting with a letter, at most {SECRET_NAME_MAX} characters (services see it "
        f"upper-cased, as {env_variable(value)}){hint}"
    )


def env_variable(name: str) -> str:
    """The environment variable a stack name reaches a service as (a secret, or part of a
    setting's name: BUCKET_<NAME>, QUEUE_<NAME>_URL)."""
    return name.upper().replace("-", "_")


def env_name(value: str) -> str:
    if len(value) <= ENV_NAME_MAX and _ENV_NAME.fullmatch(value):
        return value
    raise ValueError(
        f"{value!r} is not an environment variable name: letters, digits and '_', "
        "not starting with a digit"
    )


def looks_secret(variable: str) -> bool:
    words = variable.upper().split("_")
    if _PUBLIC_WORDS.intersection(words):
        return False
    return bool(_SECRET_WORDS.intersection(words)) or words[-1] in _SECRET_LAST_WORDS


def literal_secret(variable: str, value: str) -> str | None:
    """Why `variable: value` in `environment:` looks like a secret written in plain text."""
    if looks_secret(variable) and not _NOT_SECRET_VALUE.fullmatch(value):
        return f"{variable} looks like a secret"
    if _URL_WITH_PASSWORD.search(value):
        return f"the value of {variable} is a URL with a password in it"
    return None


def setting_value(value: str) -> str:
    if len(value) > VALUE_MAX:
        raise ValueError(f"longer than {VALUE_MAX} characters")
    if any(not c.isprintable() and c not in "\t\n" for c in value):
        raise ValueError(f"holds a control character ({value!r})")
    return value


def command(value: str) -> str:
    if not value.strip():
        raise ValueError("an empty command; leave it out to run the image's own")
    return setting_value(value)


def domain(value: str) -> str:
    """An RFC 1123 host name in lower case, at most 64 characters (a certificate's first name)."""
    if not value.isascii():
        try:
            ascii_form = value.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_form = None
        hint = f"; write it in its ASCII form, '{ascii_form}'" if ascii_form else ""
        raise ValueError(f"{value!r} is not an ASCII domain name{hint}")
    if value != value.lower():
        raise ValueError(f"write the domain in lower case: '{value.lower()}'")
    labels = value.split(".")
    if (
        len(value) > DOMAIN_MAX
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise ValueError(
            f"{value!r} is not a domain name: dot-separated labels of letters, digits and "
            "inner hyphens, at least two labels, each at most 63 characters, in all at most "
            f"{DOMAIN_MAX} characters (the longest first name a certificate takes)"
        )
    return value


def host_rule(value: str) -> str:
    """An ALB host-header condition: a domain name, optionally `*.` before it."""
    bare = value.removeprefix("*.")
    try:
        domain(bare)
    except ValueError as exc:
        raise ValueError(f"{exc} ('*.' may start it)") from None
    if len(value) > HOST_RULE_MAX:
        raise ValueError(f"longer than {HOST_RULE_MAX} characters")
    return value


def route(value: str) -> str:
    """A load-balancer path: a URL path, optionally ending in `*` (a prefix)."""
    if len(value) <= ROUTE_MAX and _ROUTE.fullmatch(value):
        return value
    raise ValueError(
        f"{value!r} is not a route: a URL path starting with '/', of letters, digits and "
        f"'.', '_', '~', '-', '/', optionally ending in '*', at most {ROUTE_MAX} characters "
        "(e.g. /api/*)"
    )


def health_path(value: str) -> str:
    if len(value) <= HEALTH_PATH_MAX and _HEALTH_PATH.fullmatch(value):
        return value
    raise ValueError(
        f"{value!r} is not a health-check path: a URL path starting with '/', of letters, "
        "digits and '.', '_', '~', '-', '/', and an optional ?query (e.g. /health)"
    )


def image(value: str) -> str:
    """An image to run: a repository stackwright creates (a plain name), or an OCI reference
    with its registry or tag (`nginx:1.27`, `ghcr.io/org/app@sha256:...`)."""
    if not any(c in value for c in "/:@"):
        try:
            return name(value)
        except ValueError:
            raise ValueError(
                f"{value!r} is not a repository name stackwright can create: lower-case "
                "letters, digits and single hyphens; an image from another registry is "
                "written with its tag, e.g. nginx:1.27"
            ) from None
    if len(value) <= IMAGE_MAX and _IMAGE.fullmatch(value):
        return value
    raise ValueError(
        f"{value!r} is not an image reference: [registry/]repository[:tag][@digest], "
        "repositories in lower case, e.g. public.ecr.aws/nginx/nginx:1.27"
    )


def vpc_cidr(value: str) -> str:
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise ValueError(f"{value!r} is not an IPv4 block such as 10.0.0.0/16") from None
    if not isinstance(network, ipaddress.IPv4Network) or "/" not in value:
        raise ValueError(f"{value!r} is not an IPv4 block such as 10.0.0.0/16")
    if str(network) != value:
        raise ValueError(f"{value!r} has host bits set; the block is {network}")
    if not any(network.subnet_of(block) for block in _PRIVATE_BLOCKS):
        raise ValueError(
            f"{value} is not a private block: use part of 10.0.0.0/8, 172.16.0.0/12 or "
            "192.168.0.0/16"
        )
    if not VPC_PREFIX_MIN <= network.prefixlen <= VPC_PREFIX_MAX:
        raise ValueError(
            f"a VPC here is a /{VPC_PREFIX_MIN} to a /{VPC_PREFIX_MAX}: each subnet takes "
            "1/256 of it, and a load balancer needs subnets of /27 or larger"
        )
    return value


def version(value: str) -> str:
    if _VERSION.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is not a version such as 16 or 16.4")


def search_version(value: str) -> str:
    if _SEARCH_VERSION.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is not an engine version such as OpenSearch_2.13")


def extension(value: str) -> str:
    if _EXTENSION.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is not a PostgreSQL extension name such as postgis")


def email(value: str) -> str:
    if len(value) <= 254 and _EMAIL.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is not an e-mail address")


def origin(value: str) -> str:
    """A CORS origin: `*`, or scheme://host[:port], the host may start with `*.`."""
    if value == "*":
        return value
    scheme, _, rest = value.partition("://")
    host, _, port = rest.partition(":")
    bare = host.removeprefix("*.")
    labels = bare.split(".")
    if (
        scheme in ("http", "https")
        and labels
        and all(_LABEL.fullmatch(label) for label in labels)
        and (not port or (port.isascii() and port.isdigit() and len(port) <= 5))
    ):
        return value
    raise ValueError(f"{value!r} is not an origin such as https://app.example.com or *")


_ACCOUNT_ID = re.compile(r"[0-9]{12}")
_BUCKET = re.compile(r"[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}")


def account_id(value: str) -> str:
    if _ACCOUNT_ID.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is not an AWS account ID: 12 digits, quoted")


def bucket_name(value: str) -> str:
    """An S3 bucket name without dots (a dotted name breaks TLS on virtual-hosted URLs)."""
    if _BUCKET.fullmatch(value) and not value.startswith("xn--") and not value.endswith("-s3alias"):
        return value
    raise ValueError(
        f"{value!r} is not an S3 bucket name: 3-63 lower-case letters, digits and single "
        "hyphens, starting and ending with a letter or digit"
    )


def reason(value: str) -> str:
    if not value.strip():
        raise ValueError("a suppression needs a reason: say why the finding is accepted")
    return description(value)


def description(value: str) -> str:
    if not value.isprintable():
        raise ValueError(f"holds a control character ({value!r})")
    if len(value) > 2048:
        raise ValueError("longer than 2048 characters")
    return value
