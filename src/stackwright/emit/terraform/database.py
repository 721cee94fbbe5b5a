"""database.tf: RDS PostgreSQL with its subnet and parameter groups, replicas, cross-region
backup copies; and the OpenSearch domain when the plan has one."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.endpoints import DATABASE_SECRET
from stackwright.emit.terraform.hcl import Block, Raw
from stackwright.emit.terraform.phase_choice import why_off
from stackwright.emit.terraform.secrets import generated
from stackwright.plan.resources import BackupReplication, Database, Resource, SearchDomain

FILE = "database.tf"
# Not RDS's managed master password: RDS rotates that one weekly under running tasks, and
# refuses read replicas of an instance that has it. Its label holds `__`, as the cache token's.
DATABASE_PASSWORD = "database--password"


def major_version(version: str) -> str:
    """RDS retires minor versions for new instances within months of the next one, so the
    instance names its major version; minor upgrades are AWS's (auto_minor_version_upgrade)."""
    return version.split(".")[0]


def _family(version: str) -> str:
    return f"postgres{major_version(version)}"


def search_users(root: Root, search: SearchDomain) -> list[Resource]:
    return [root.get(f.source) for f in root.plan.flows if f.target == search.id]


def emit(root: Root) -> None:
    db = next(root.plan.of_type(Database), None)
    if db is not None:
        _postgres(root, db)
    search = next(root.plan.of_type(SearchDomain), None)
    if search is not None:
        _search(root, search)


def _postgres(root: Root, db: Database) -> None:
    plan = root.plan
    root.resource(FILE, "aws_db_subnet_group", "main").attrs(
        name=root.named("aws_db_subnet_group", "db"), subnet_ids=root.subnet_ids(db.subnet_tier)
    )
    params = root.resource(FILE, "aws_db_parameter_group", "main")
    params.attrs(
        name_prefix=root.named("aws_db_parameter_group", "postgres") + "-",
        family=_family(db.version),
    )
    for name, value, method in (
        ("rds.force_ssl", "1", "pending-reboot"),
        ("log_statement", "ddl", None),
        ("log_min_duration_statement", "1000", None),
        ("rds.allowed_extensions", ",".join(db.extensions) if db.extensions else None, None),
    ):
        if value is None:
            continue
        parameter = params.block("parameter")
        parameter.attrs(name=name, value=value, apply_method=method)
    params.block("lifecycle").attr("create_before_destroy", True)

    block = root.resource(FILE, "aws_db_instance", "main")
    if not db.deletion_protection:
        block.comment(
            f"checkov:skip=CKV_AWS_293:deletion protection is for production; "
            f"{plan.environment} can be torn down (a final snapshot is still taken)"
        )
    if not db.multi_az:
        block.comment(
            "checkov:skip=CKV_AWS_157:"
            + why_off(plan, "multi_az_data", "Multi-AZ", "postgres.multi_az")
        )
    block.comment(
        "checkov:skip=CKV_AWS_118:enhanced monitoring is billed as CloudWatch Logs; "
        "set monitoring_interval and a role when you need it"
    )
    if not db.performance_insights:
        block.comment(
            "checkov:skip=CKV_AWS_353:Performance Insights is off in the stack "
            "(postgres.performance_insights)"
        )
    block.comment(
        "checkov:skip=CKV_AWS_354:Performance Insights, when on, uses the AWS-managed "
        "key; a customer-managed key is billed per key each month, and the plan has none"
    )
    block.attrs(
        identifier=db.identifiers[0],
        engine="postgres",
        engine_version=major_version(db.version),
        instance_class=db.instance,
        allocated_storage=db.storage_gb,
        max_allocated_storage=db.max_storage_gb,
        storage_type="gp3",
        storage_encrypted=True,
        db_name="app",
        username="app",
        password=generated(
            root,
            FILE,
            DATABASE_PASSWORD,
            f"{root.prefix}/database-password",
            "rotating the master password needs every service restarted with the new one",
        ),
        iam_database_authentication_enabled=True,
        multi_az=db.multi_az,
        db_subnet_group_name=Raw("aws_db_subnet_group.main.name"),
        parameter_group_name=Raw("aws_db_parameter_group.main.name"),
        vpc_security_group_ids=[Raw(root.group_of(db))],
        publicly_accessible=False,
        backup_retention_period=db.backup_days,
        copy_tags_to_snapshot=True,
        deletion_protection=db.deletion_protection,
        skip_final_snapshot=False,
        final_snapshot_identifier=root.named("aws_db_snapshot", "postgres-final"),
        auto_minor_version_upgrade=True,
        enabled_cloudwatch_logs_exports=list(db.log_exports),
        performance_insights_enabled=db.performance_insights,
        depends_on=_log_groups(db, db.name),
    )
    root.output("database_endpoint", Raw("aws_db_instance.main.address"), "PostgreSQL host")
    root.output(
        "database_password_secret",
        DATABASE_SECRET,
        "the Secrets Manager secret holding the master password",
    )
    replicas = Database.instance_names(db.name, db.read_replicas)[1:]
    for i, (name, identifier) in enumerate(zip(replicas, db.identifiers[1:], strict=True)):
        replica = root.resource(FILE, "aws_db_instance", f"replica-{i + 1}")
        replica.comment("checkov:skip=CKV_AWS_157:a read replica is one instance by design")
        replica.comment(
            "checkov:skip=CKV_AWS_118:enhanced monitoring is billed as CloudWatch "
            "Logs; off, as on the primary"
        )
        replica.comment(
            "checkov:skip=CKV_AWS_354:Performance Insights uses the AWS-managed key, "
            "as on the primary"
        )
        if not db.performance_insights:
            replica.comment(
                "checkov:skip=CKV_AWS_353:Performance Insights is off in the stack, "
                "as on the primary"
            )
        if not db.deletion_protection:
            replica.comment(
                "checkov:skip=CKV_AWS_293:deletion protection is for production, as on the primary"
            )
        replica.attrs(
            identifier=identifier,
            replicate_source_db=Raw("aws_db_instance.main.identifier"),
            instance_class=db.instance,
            storage_type="gp3",
            storage_encrypted=True,
            iam_database_authentication_enabled=True,
            parameter_group_name=Raw("aws_db_parameter_group.main.name"),
            vpc_security_group_ids=[Raw(root.group_of(db))],
            publicly_accessible=False,
            copy_tags_to_snapshot=True,
            deletion_protection=db.deletion_protection,
            skip_final_snapshot=True,
            auto_minor_version_upgrade=True,
            enabled_cloudwatch_logs_exports=list(db.log_exports),
            performance_insights_enabled=db.performance_insights,
            depends_on=_log_groups(db, name),
        )
    for copy in plan.of_type(BackupReplication):
        block = root.resource(FILE, "aws_db_instance_automated_backups_replication", copy.name)
        block.attr("provider", Raw("aws.dr"))
        block.attrs(
            source_db_instance_arn=Raw("aws_db_instance.main.arn"),
            retention_period=copy.retention_days,
            kms_key_id=Raw("data.aws_kms_alias.dr_rds.target_key_arn"),
        )
        root.data(FILE, "aws_kms_alias", "dr_rds").attrs(
            provider=Raw("aws.dr"), name="alias/aws/rds"
        )


def _log_groups(db: Database, instance: str) -> list[Raw]:
    """RDS creates a missing export group itself, with no retention: the Terraform's come first."""
    return [
        Raw(f"aws_cloudwatch_log_group.{label(Database.log_group_name(instance, log))}")
        for log in db.log_exports
    ]


def _search(root: Root, search: SearchDomain) -> None:
    block = root.resource(FILE, "aws_opensearch_domain", "main")
    block.comment(
        "checkov:skip=CKV_AWS_317:audit logs are billed per GB; publish them when you need them"
    )
    block.comment(
        "checkov:skip=CKV_AWS_84:application logs are billed per GB; publish them "
        "when you need them"
    )
    block.comment(
        "checkov:skip=CKV_AWS_247:encrypted with the AWS-managed key; "
        "a customer-managed key is billed per key each month, and the plan has none"
    )
    block.comment(
        "checkov:skip=CKV_AWS_318:dedicated master nodes would be three more "
        "instances than the stack's search.nodes; add them for large clusters"
    )
    block.comment(
        "checkov:skip=CKV2_AWS_59:dedicated master nodes are not in the plan: the "
        "stack's search.nodes are data nodes"
    )
    block.comment(
        "checkov:skip=CKV2_AWS_52:access is granted by IAM in the domain's access policy "
        "(to the services that use search), not by fine-grained access control"
    )
    block.attrs(
        domain_name=root.named("aws_opensearch_domain", "search"),
        engine_version=search.engine_version,
    )
    azs = 2
    spread = search.nodes > 1 and search.nodes % azs == 0
    cluster = block.block("cluster_config")
    cluster.attrs(
        instance_type=search.instance, instance_count=search.nodes, zone_awareness_enabled=spread
    )
    if spread:
        cluster.block("zone_awareness_config").attr("availability_zone_count", azs)
    ebs = block.block("ebs_options")
    ebs.attrs(ebs_enabled=True, volume_type="gp3", volume_size=search.storage_gb)
    block.block("encrypt_at_rest").attr("enabled", True)
    block.block("node_to_node_encryption").attr("enabled", True)
    endpoint = block.block("domain_endpoint_options")
    endpoint.attrs(enforce_https=True, tls_security_policy="Policy-Min-TLS-1-2-PFS-2023-10")
    vpc = block.block("vpc_options")
    vpc.attrs(
        subnet_ids=Raw(
            f"slice({root.subnet_ids(search.subnet_tier).text}, 0, {azs if spread else 1})"
        ),
        security_group_ids=[Raw(root.group_of(search))],
    )
    readers = [f"aws_iam_role.{label(r.name)}_task.arn" for r in search_users(root, search)]
    if readers:
        policy = root.data(FILE, "aws_iam_policy_document", "search-access")
        statement = policy.block("statement")
        statement.attrs(
            actions=["es:ESHttp*"], resources=[Raw('"${aws_opensearch_domain.main.arn}/*"')]
        )
        statement.block("principals").attrs(type="AWS", identifiers=[Raw(r) for r in readers])
        root.resource(FILE, "aws_opensearch_domain_policy", "main").attrs(
            domain_name=Raw("aws_opensearch_domain.main.domain_name"),
            access_policies=Raw("data.aws_iam_policy_document.search_access.json"),
        )
    root.output("search_endpoint", Raw("aws_opensearch_domain.main.endpoint"), "OpenSearch")


SEARCH_ROLE_VARIABLE = "create_search_service_role"


def search_role_variable() -> Block:
    block = Block("variable", (SEARCH_ROLE_VARIABLE,))
    block.attrs(
        description=(
            "create OpenSearch's service-linked role, which a VPC domain needs once per "
            "account; false if the account has AWSServiceRoleForAmazonOpenSearchService already"
        ),
        type=Raw("bool"),
        default=True,
    )
    return block


def search_role(root: Root) -> None:
    """In the bootstrap root: the role exists once per account, so one environment's root
    creating it would make the next one's apply fail."""
    block = root.resource("search.tf", "aws_iam_service_linked_role", "search")
    block.attrs(
        count=Raw(f"var.{SEARCH_ROLE_VARIABLE} ? 1 : 0"),
        aws_service_name="opensearchservice.amazonaws.com",
    )
