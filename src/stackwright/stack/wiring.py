"""The environment variables through which a service finds what it `uses:`. The emitters give
these names values (Terraform on Fargate, settings on the phase-1 host); the loader refuses a
setting or secret that would take one of them."""

from __future__ import annotations

from stackwright.stack.text import env_variable

DATABASE = ("DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD")
CACHE = ("REDIS_HOST", "REDIS_PORT", "REDIS_TLS", "REDIS_AUTH_TOKEN")
SEARCH = ("SEARCH_URL",)


def bucket_variable(name: str) -> str:
    return f"BUCKET_{env_variable(name)}"


def queue_variable(name: str) -> str:
    return f"QUEUE_{env_variable(name)}_URL"


def service_variable(name: str) -> str:
    return f"{env_variable(name)}_URL"


def wired_variables(kind: str, name: str) -> tuple[str, ...]:
    """What a `uses:` link to `name`, a `kind` of target, sets in the service's environment
    (a secret's own variable is not counted: it is the link itself)."""
    match kind:
        case "postgres":
            return DATABASE
        case "redis":
            return CACHE
        case "search":
            return SEARCH
        case "bucket":
            return (bucket_variable(name),)
        case "queue":
            return (queue_variable(name),)
        case "service":
            return (service_variable(name),)
    return ()
