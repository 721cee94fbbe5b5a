"""The phase-1 host: its Compose project, nginx's configuration, the list of secrets it reads,
and the fixed scripts that boot it.

Stack text reaches the host only as data: in compose.yaml and nginx.conf (written from checked
values, quoted for each format) and in secrets.tsv; the scripts are fixed files shipped in this
package, which read those files and never have stack text written into them.
"""

from __future__ import annotations

from importlib import resources

from stackwright.emit.host.compose import compose_file
from stackwright.emit.host.nginx import nginx_conf
from stackwright.emit.host.timers import jobs_table
from stackwright.plan.model import Plan
from stackwright.plan.resources import Certificate, Ec2Host, Secret
from stackwright.stack.text import env_variable

SCRIPTS = (
    "boot.sh",
    "fetch-secrets.sh",
    "start.sh",
    "deploy.sh",
    "run-job.sh",
    "certificate.sh",
    "certificate-deployed.sh",
)
USER_DATA = "user-data.sh.tftpl"


def script(name: str) -> str:
    return resources.files(__package__).joinpath("scripts", name).read_text(encoding="utf-8")


def secrets_table(plan: Plan, host: Ec2Host) -> str:
    """service, VARIABLE, store and name of each secret a container reads, one per line (the
    store `database`: the database password, whose name Terraform knows)."""
    secrets = {s.name: s for s in plan.of_type(Secret)}
    rows: list[tuple[str, ...]] = []
    for container in host.containers:
        if container.uses_database:  # its secret's ARN is Terraform's, in settings.json
            rows.append((container.name, "DATABASE_PASSWORD", "database", "-"))
        rows += [
            (container.name, env_variable(name), secrets[name].store, secrets[name].path)
            for name in container.secrets
        ]
    return "".join("\t".join(row) + "\n" for row in rows)


def host_domain(plan: Plan) -> str | None:
    certificate = next(plan.of_type(Certificate), None)
    return certificate.domain if certificate is not None else None


def host_files(plan: Plan, host: Ec2Host) -> dict[str, str]:
    """File name (inside `host/`) → content."""
    files = {
        "compose.yaml": compose_file(plan, host),
        "nginx.conf": nginx_conf(host, host_domain(plan)),
        "secrets.tsv": secrets_table(plan, host),
        "jobs.tsv": jobs_table(host),
        USER_DATA: script(USER_DATA),
    }
    files.update({name: script(name) for name in SCRIPTS})
    return files
