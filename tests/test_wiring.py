"""The wiring audit (tests/wiring.py): every example and generated stacks are wired so the
deployed system can work; and each check, given a small root broken in its one way, says so.

A longer run of the generated stacks, with fresh random cases each time:

    STACKWRIGHT_WIRING_EXAMPLES=300 pytest tests/test_wiring.py
"""

from __future__ import annotations

import copy
import os
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st

from stackwright.emit.build import terraform_files
from stackwright.emit.files import write_files
from stackwright.plan import Plan
from stackwright.plan.model import Flow
from stackwright.plan.planner import plan_all
from stackwright.plan.resources import SecurityGroup
from stackwright.stack import load_stack, load_text
from stackwright.stack.errors import StackError
from stackwright.stack.load import StackFile
from tests.audit import NAME_ATTRIBUTES
from tests.conftest import EXAMPLES
from tests.fuzz import HOST_SEED, SEEDS, valid_tricky_stacks
from tests.wiring import (
    CHECKS,
    NAME_RULES,
    Build,
    flow_problems,
    read_files,
    read_folder,
    wiring_problems,
)

Examples = dict[str, tuple[Build, dict[str, Plan]]]


def plans_of(stack_file: StackFile) -> dict[str, Plan]:
    return {plan.environment: plan for plan in plan_all(stack_file)}


def problems_of(stack_file: StackFile) -> list[str]:
    return wiring_problems(read_files(terraform_files(stack_file)), plans_of(stack_file))


# --- the examples ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Examples:
    """Each example built into a folder, as `stackwright build` writes it, and read back."""
    out = tmp_path_factory.mktemp("wiring")
    built = {}
    for example in EXAMPLES:
        stack_file = load_stack(example / "stack.yaml")
        write_files(out / example.name, terraform_files(stack_file))
        built[example.name] = (read_folder(out / example.name), plans_of(stack_file))
    return built


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_every_example_is_wired(check: str, examples: Examples) -> None:
    problems = [
        f"{name}: {problem}"
        for name, (build, plans) in examples.items()
        for problem in CHECKS[check](build, plans)
    ]
    assert problems == [], "\n".join(problems)


def test_the_audit_reads_every_example_root(examples: Examples) -> None:
    for name, (build, plans) in examples.items():
        assert "bootstrap" in build.roots, name
        assert {root.name for root in build.environments} == set(plans), name
        for root in build.environments:
            assert root.of_kind("aws_security_group"), f"{name}/{root.name}"
            assert root.of_kind("aws_iam_role"), f"{name}/{root.name}"


# --- generated stacks ------------------------------------------------------------------------

LONG_RUN = "STACKWRIGHT_WIRING_EXAMPLES" in os.environ
GENERATED = int(os.environ.get("STACKWRIGHT_WIRING_EXAMPLES", "8"))
REGIONS = [None, "us-east-1", "us-west-2", "eu-west-1"]
LONG = "a" * 40


@st.composite
def environments(draw: st.DrawFn, names: list[str]) -> dict[str, dict[str, object]]:
    """One to three of `names` as environments, at any phase, in the stack's region or their
    own."""
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    found: dict[str, dict[str, object]] = {}
    for name in chosen:
        settings_: dict[str, object] = {"phase": draw(st.integers(1, 4))}
        region = draw(st.sampled_from(REGIONS))
        if region:
            settings_["region"] = region
        found[name] = settings_
    return found


@st.composite
def wiring_stacks(draw: st.DrawFn) -> str:
    """A seed stack, perhaps with a long name, a service whose name joins two others, and an
    environment whose name ends where that service's begins: what AWS names are built from,
    arranged so that two of them could come out alike."""
    data = yaml.safe_load(draw(st.sampled_from(SEEDS)))
    if draw(st.booleans()):
        data["name"] = draw(st.sampled_from([LONG, f"{LONG[:30]}-shop", "shop"]))
    services = data["services"]
    names = list(services)
    first, second = names[0], names[-1]
    if draw(st.booleans()) and f"{first}-{second}" not in services:
        twin = copy.deepcopy(services[second])
        for routing in ("path", "host", "port", "health_check"):
            twin.pop(routing, None)
        services[f"{first}-{second}"] = twin
    long_names = [f"{LONG[:36]}-one", f"{LONG[:36]}-two"]
    data["environments"] = draw(environments(["prod", "staging", f"{first}prod", *long_names]))
    return yaml.safe_dump(data, sort_keys=False)


@settings(
    max_examples=GENERATED,
    deadline=None,
    derandomize=not LONG_RUN,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # shrinking rebuilds and reparses: slow
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.one_of(wiring_stacks(), valid_tricky_stacks()))
def test_generated_stacks_are_wired(text: str) -> None:
    try:
        stack_file = load_text(text)
    except StackError:
        reject()
    problems = problems_of(stack_file)
    assert problems == [], "\n".join(problems)


def test_an_environment_in_another_region_keeps_its_state_in_the_bootstrap_bucket() -> None:
    data = yaml.safe_load(HOST_SEED)
    data["environments"] = {"prod": {"phase": 2}, "dr": {"phase": 2, "region": "eu-west-1"}}
    stack_file = load_text(yaml.safe_dump(data))
    assert CHECKS["state"](read_files(terraform_files(stack_file)), {}) == []


def test_an_environment_that_ends_where_a_service_begins_is_refused() -> None:
    """`prod` with `web-api` and `prod-web` with `api` would both name shop-prod-web-api-*."""
    data = yaml.safe_load(HOST_SEED)
    data["services"]["web-api"] = {"command": "bin/web-api", "uses": ["jobs"]}
    data["environments"] = {"prod": {"phase": 2}, "prod-web": {"phase": 2}}
    with pytest.raises(StackError) as refused:
        load_text(yaml.safe_dump(data))
    assert "'prod-web' starts with 'prod-'" in str(refused.value)
    data["environments"] = {"prod": {"phase": 2}, "webprod": {"phase": 2}}
    stack_file = load_text(yaml.safe_dump(data))
    assert CHECKS["names"](read_files(terraform_files(stack_file)), {}) == []


def test_the_phase_1_host_can_read_every_secret_it_fetches() -> None:
    stack_file = load_text(HOST_SEED)
    assert CHECKS["secrets"](read_files(terraform_files(stack_file)), {}) == []


def test_the_audit_knows_every_name_the_basic_audit_knows() -> None:
    prefixes = {"aws_security_group", "aws_db_parameter_group"}  # names AWS completes
    assert set(NAME_ATTRIBUTES) - prefixes <= set(NAME_RULES)
    for kind in set(NAME_ATTRIBUTES) - prefixes:
        assert NAME_RULES[kind].attribute == NAME_ATTRIBUTES[kind]


# --- each check catches its fault: a small root, wired right, then broken one way at a time ---

PROVIDERS = """\
terraform {
  backend "s3" {
    bucket = "shop-state"
    key    = "prod/terraform.tfstate"
    region = "us-east-1"
  }
}
provider "aws" {
  region = var.region
}
variable "region" {
  default = "us-east-1"
}
variable "image_tag" {
}
"""
BOOTSTRAP = """\
provider "aws" {
  region = var.region
}
variable "region" {
  default = "us-east-1"
}
resource "aws_s3_bucket" "state" {
  bucket = "shop-state"
}
"""
NETWORK = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "public_1" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "private_1" {
  vpc_id = aws_vpc.main.id
}
resource "aws_eip" "nat" {
  domain = "vpc"
}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public_1.id
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}
resource "aws_route_table_association" "public_1" {
  subnet_id      = aws_subnet.public_1.id
  route_table_id = aws_route_table.public.id
}
resource "aws_route_table_association" "private_1" {
  subnet_id      = aws_subnet.private_1.id
  route_table_id = aws_route_table.private.id
}
resource "aws_security_group" "load_balancer_main" {
  vpc_id = aws_vpc.main.id
}
resource "aws_security_group" "ecs_service_api" {
  vpc_id = aws_vpc.main.id
}
resource "aws_security_group" "database_postgres" {
  vpc_id = aws_vpc.main.id
}
resource "aws_vpc_security_group_ingress_rule" "lb_from_internet" {
  security_group_id = aws_security_group.load_balancer_main.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}
resource "aws_vpc_security_group_egress_rule" "lb_to_api" {
  security_group_id            = aws_security_group.load_balancer_main.id
  referenced_security_group_id = aws_security_group.ecs_service_api.id
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
}
resource "aws_vpc_security_group_ingress_rule" "api_from_lb" {
  security_group_id            = aws_security_group.ecs_service_api.id
  referenced_security_group_id = aws_security_group.load_balancer_main.id
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
}
resource "aws_vpc_security_group_egress_rule" "api_to_internet" {
  security_group_id = aws_security_group.ecs_service_api.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
resource "aws_vpc_security_group_egress_rule" "api_to_db" {
  security_group_id            = aws_security_group.ecs_service_api.id
  referenced_security_group_id = aws_security_group.database_postgres.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}
resource "aws_vpc_security_group_ingress_rule" "db_from_api" {
  security_group_id            = aws_security_group.database_postgres.id
  referenced_security_group_id = aws_security_group.ecs_service_api.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}
"""
DATA = """\
resource "aws_db_instance" "main" {
  identifier             = "shop-prod-postgres"
  vpc_security_group_ids = [aws_security_group.database_postgres.id]
}
resource "aws_secretsmanager_secret" "database__password" {
  name = "shop-prod/database-password"
}
resource "aws_ssm_parameter" "api_key" {
  name  = "/shop-prod/api_key"
  type  = "SecureString"
  value = "set-outside-terraform"
}
resource "aws_s3_bucket" "files" {
  bucket = "shop-prod-files"
}
"""
COMPUTE = """\
resource "aws_ecr_repository" "api" {
  name = "shop-prod/api"
}
resource "aws_cloudwatch_log_group" "api" {
  name = "/shop/prod/api"
}
resource "aws_ecs_cluster" "main" {
  name = "shop-prod"
}
resource "aws_ecs_task_definition" "api" {
  family             = "shop-prod-api"
  execution_role_arn = aws_iam_role.api_execution.arn
  task_role_arn      = aws_iam_role.api_task.arn
  container_definitions = jsonencode([
    {
      name         = "api"
      image        = "${aws_ecr_repository.api.repository_url}:${var.image_tag}"
      command      = ["sh", "-c", "echo aws_s3_bucket.elsewhere $${HOME}"]
      portMappings = [{ name = "http", containerPort = 8000 }]
      environment  = [{ name = "BUCKET_FILES", value = aws_s3_bucket.files.id }]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = "${aws_secretsmanager_secret.database__password.arn}:password::"
        },
        { name = "API_KEY", valueFrom = aws_ssm_parameter.api_key.arn },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options   = { awslogs-group = aws_cloudwatch_log_group.api.name }
      }
    },
  ])
}
resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.api.arn
  network_configuration {
    subnets          = [aws_subnet.private_1.id]
    security_groups  = [aws_security_group.ecs_service_api.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8000
  }
}
"""
LOAD_BALANCING = """\
resource "aws_lb" "main" {
  name            = "shop-prod-alb"
  security_groups = [aws_security_group.load_balancer_main.id]
  subnets         = [aws_subnet.public_1.id]
}
resource "aws_lb_target_group" "api" {
  name_prefix = "api-"
  port        = 8000
  target_type = "ip"
}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}
"""
IAM = """\
data "aws_iam_policy_document" "ecs_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "api_execution" {
  name               = "shop-prod-api-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}
resource "aws_iam_role_policy_attachment" "api_execution" {
  role       = aws_iam_role.api_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}
data "aws_iam_policy_document" "api_execution_secrets" {
  statement {
    actions   = ["ssm:GetParameters"]
    resources = [aws_ssm_parameter.api_key.arn]
  }
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.database__password.arn]
  }
}
resource "aws_iam_role_policy" "api_execution_secrets" {
  role   = aws_iam_role.api_execution.id
  policy = data.aws_iam_policy_document.api_execution_secrets.json
}
resource "aws_iam_role" "api_task" {
  name               = "shop-prod-api-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}
data "aws_iam_policy_document" "api_task_access" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.files.arn}/*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.files.arn]
  }
}
resource "aws_iam_role_policy" "api_task_access" {
  role   = aws_iam_role.api_task.id
  policy = data.aws_iam_policy_document.api_task_access.json
}
"""
FARGATE = {
    "bootstrap/state.tf": BOOTSTRAP,
    "prod/providers.tf": PROVIDERS,
    "prod/network.tf": NETWORK,
    "prod/data.tf": DATA,
    "prod/compute.tf": COMPUTE,
    "prod/load_balancing.tf": LOAD_BALANCING,
    "prod/iam.tf": IAM,
}
FLOWS = (
    Flow("internet", "load_balancer.main", 80, "tcp", "HTTP from users"),
    Flow("load_balancer.main", "ecs_service.api", 8000, "tcp", "requests to api"),
    Flow("ecs_service.api", "internet", 443, "https", "AWS APIs"),
    Flow("ecs_service.api", "database.postgres", 5432, "postgresql", "uses postgres"),
    Flow("ecs_service.api", "secret.api_key", None, "aws-api", "reads the secret at start"),
)
GROUPS = (
    SecurityGroup(name="load-balancer-main", owner="load_balancer.main"),
    SecurityGroup(name="ecs-service-api", owner="ecs_service.api"),
    SecurityGroup(name="database-postgres", owner="database.postgres"),
)
PLANS = {
    "prod": Plan(
        stack="shop",
        environment="prod",
        phase=2,
        phase_name="growth",
        region="us-east-1",
        resources=GROUPS,
        flows=FLOWS,
    )
}


def edited(files: dict[str, str], file: str, old: str, new: str) -> dict[str, str]:
    assert old in files[file], f"{old!r} is not in {file}"
    return {**files, file: files[file].replace(old, new, 1)}


def check(name: str, files: dict[str, str]) -> list[str]:
    return CHECKS[name](read_files(files), PLANS)


def test_the_small_roots_are_wired_right() -> None:
    assert wiring_problems(read_files(FARGATE), PLANS) == []
    assert wiring_problems(read_files(HOST), {"prod": HOST_PLAN}) == []


# 1. secrets


def test_a_secret_the_execution_role_cannot_read() -> None:
    broken = edited(
        FARGATE,
        "prod/iam.tf",
        "resources = [aws_secretsmanager_secret.database__password.arn]",
        "resources = []",
    )
    assert check("secrets", broken) == [
        "prod/compute.tf: aws_ecs_task_definition.api: container api reads secret "
        "aws_secretsmanager_secret.database__password.arn, which execution role "
        "aws_iam_role.api_execution is not allowed (secretsmanager:GetSecretValue)"
    ]


def test_a_parameter_granted_with_the_wrong_action() -> None:
    broken = edited(FARGATE, "prod/iam.tf", '["ssm:GetParameters"]', '["ssm:GetParameter"]')
    problems = check("secrets", broken)
    assert any("reads secret aws_ssm_parameter.api_key.arn" in p for p in problems), problems
    assert any("gives aws_iam_role.api_execution ssm:GetParameter on" in p for p in problems)


def test_a_secret_granted_to_an_execution_role_whose_containers_do_not_read_it() -> None:
    broken = edited(
        FARGATE,
        "prod/iam.tf",
        "resources = [aws_ssm_parameter.api_key.arn]",
        'resources = [aws_ssm_parameter.api_key.arn, "*"]',
    )
    assert check("secrets", broken) == [
        "prod/iam.tf: aws_iam_role_policy.api_execution_secrets: gives "
        "aws_iam_role.api_execution ssm:GetParameters on *, which nothing run with it reads"
    ]


def test_an_execution_role_without_the_task_execution_policy_cannot_pull_or_log() -> None:
    broken = edited(FARGATE, "prod/iam.tf", "service-role/AmazonECSTaskExecutionRolePolicy", "x")
    problems = check("secrets", broken)
    assert any("pulls its image from aws_ecr_repository.api" in p for p in problems), problems
    assert any("writes its logs to aws_cloudwatch_log_group.api" in p for p in problems)


def test_a_task_another_role_would_run() -> None:
    broken = edited(
        FARGATE,
        "prod/compute.tf",
        "execution_role_arn = aws_iam_role.api_execution.arn",
        "execution_role_arn = aws_iam_role.api_task.arn",
    )
    problems = check("secrets", broken)
    unread = [p for p in problems if "reads secret" in p and "role aws_iam_role.api_task " in p]
    assert len(unread) == 2, problems
    assert len([p for p in problems if "gives aws_iam_role.api_execution " in p]) == 2


# 2. flows and security groups


def test_a_flow_without_its_ingress_rule() -> None:
    broken = edited(
        FARGATE,
        "prod/network.tf",
        "security_group_id            = aws_security_group.database_postgres.id",
        "security_group_id            = aws_security_group.ecs_service_api.id",
    )
    problems = check("flows", broken)
    assert (
        "prod/network.tf: flow ecs_service.api->database.postgres:5432: no ingress rule on "
        "aws_security_group.database_postgres from aws_security_group.ecs_service_api on port "
        "5432"
    ) in problems
    assert any("db_from_api: lets tcp 5432-5432 ingress" in p for p in problems), problems


def test_a_flow_without_its_egress_rule() -> None:
    broken = edited(FARGATE, "prod/network.tf", "from_port         = 443", "from_port = 80")
    broken = edited(broken, "prod/network.tf", "to_port           = 443", "to_port = 80")
    problems = check("flows", broken)
    assert (
        "prod/network.tf: flow ecs_service.api->internet:443: no egress rule on "
        "aws_security_group.ecs_service_api to 0.0.0.0/0 on port 443"
    ) in problems


def test_a_rule_no_flow_needs() -> None:
    stray = """
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.ecs_service_api.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}
"""
    broken = {**FARGATE, "prod/network.tf": FARGATE["prod/network.tf"] + stray}
    assert check("flows", broken) == [
        "prod/network.tf: aws_vpc_security_group_ingress_rule.ssh: lets tcp 22-22 ingress on "
        "aws_security_group.ecs_service_api from 0.0.0.0/0, which no flow needs"
    ]


def test_a_rule_written_inside_a_security_group() -> None:
    inline = """  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_security_group" "database_postgres" {"""
    broken = edited(
        FARGATE, "prod/network.tf", '}\nresource "aws_security_group" "database_postgres" {', inline
    )
    assert check("flows", broken) == [
        "prod/network.tf: aws_security_group.ecs_service_api: lets tcp 5432-5432 ingress on "
        "aws_security_group.ecs_service_api from 10.0.0.0/16, which no flow needs"
    ]


def test_a_rule_wider_than_its_flow() -> None:
    broken = edited(FARGATE, "prod/network.tf", 'ip_protocol       = "tcp"', 'ip_protocol = "-1"')
    assert check("flows", broken) == [
        "prod/network.tf: aws_vpc_security_group_ingress_rule.lb_from_internet: lets -1 80-80 "
        "ingress on aws_security_group.load_balancer_main from 0.0.0.0/0, which no flow needs"
    ]


def test_a_resource_outside_its_security_group() -> None:
    broken = edited(
        FARGATE,
        "prod/data.tf",
        "[aws_security_group.database_postgres.id]",
        "[aws_security_group.ecs_service_api.id]",
    )
    assert check("flows", broken) == [
        "prod/data.tf: aws_db_instance.main: is not in aws_security_group.database_postgres, "
        "the group of database.postgres"
    ]


def test_a_flow_to_something_without_a_security_group() -> None:
    lonely = Flow("ecs_service.api", "search_domain.search", 443, "https", "uses search")
    plans = {"prod": replace(PLANS["prod"], flows=(*FLOWS, lonely))}
    assert flow_problems(read_files(FARGATE), plans) == [
        "prod/network.tf: flow ecs_service.api->search_domain.search:443: search_domain.search "
        "has no security group"
    ]


# 3. routes


def test_private_subnets_without_a_nat_route() -> None:
    broken = edited(FARGATE, "prod/network.tf", "nat_gateway_id = aws_nat_gateway.nat.id", "")
    broken = edited(broken, "prod/network.tf", 'cidr_block     = "0.0.0.0/0"', "")
    assert check("routes", broken) == [
        "prod/compute.tf: aws_ecs_service.api: tasks in aws_subnet.private_1 cannot reach ECR "
        "API (ecr.api), ECR registry (ecr.dkr), S3 image layers (s3), CloudWatch Logs (logs), "
        "Secrets Manager (secretsmanager), Parameter Store (ssm): no NAT gateway route, no "
        "public IP with an internet gateway route, no VPC endpoint"
    ]


ENDPOINTS = (
    "".join(
        f"""
resource "aws_vpc_endpoint" "{service.replace(".", "_")}" {{
  service_name        = "com.amazonaws.${{var.region}}.{service}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}}
"""
        for service in ("ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm")
    )
    + """
resource "aws_vpc_endpoint" "s3" {
  service_name    = "com.amazonaws.${var.region}.s3"
  route_table_ids = [aws_route_table.private.id]
}
"""
)


def test_private_subnets_reach_aws_through_endpoints_alone() -> None:
    no_nat = edited(FARGATE, "prod/network.tf", "nat_gateway_id = aws_nat_gateway.nat.id", "")
    no_nat = edited(no_nat, "prod/network.tf", 'cidr_block     = "0.0.0.0/0"', "")
    assert check("routes", {**no_nat, "prod/endpoints.tf": ENDPOINTS}) == []
    without_logs = ENDPOINTS.replace('"logs"', '"logs_"').replace(".logs", ".monitoring")
    problems = check("routes", {**no_nat, "prod/endpoints.tf": without_logs})
    assert len(problems) == 1 and "cannot reach CloudWatch Logs (logs): no NAT" in problems[0]


def test_a_nat_gateway_with_no_way_out() -> None:
    broken = edited(
        FARGATE,
        "prod/network.tf",
        "subnet_id     = aws_subnet.public_1.id",
        "subnet_id     = aws_subnet.private_1.id",
    )
    assert len(check("routes", broken)) == 1


def test_tasks_in_public_subnets_need_a_public_ip() -> None:
    public = edited(
        FARGATE, "prod/compute.tf", "aws_subnet.private_1.id]", "aws_subnet.public_1.id]"
    )
    public = edited(
        public, "prod/compute.tf", "assign_public_ip = false", "assign_public_ip = true"
    )
    assert check("routes", public) == []
    broken = edited(public, "prod/compute.tf", "assign_public_ip = true", "")
    assert len(check("routes", broken)) == 1


def test_an_internet_facing_load_balancer_in_private_subnets() -> None:
    broken = edited(
        FARGATE, "prod/load_balancing.tf", "[aws_subnet.public_1.id]", "[aws_subnet.private_1.id]"
    )
    assert check("routes", broken) == [
        "prod/load_balancing.tf: aws_lb.main: is internet-facing, but aws_subnet.private_1 has "
        "no route to an internet gateway"
    ]


def test_a_public_image_needs_the_internet() -> None:
    no_nat = edited(FARGATE, "prod/network.tf", "nat_gateway_id = aws_nat_gateway.nat.id", "")
    no_nat = edited(no_nat, "prod/network.tf", 'cidr_block     = "0.0.0.0/0"', "")
    public_image = edited(
        {**no_nat, "prod/endpoints.tf": ENDPOINTS},
        "prod/compute.tf",
        '"${aws_ecr_repository.api.repository_url}:${var.image_tag}"',
        '"nginx:alpine"',
    )
    problems = check("routes", public_image)
    assert len(problems) == 1 and "cannot reach a registry outside AWS" in problems[0]


# 4. names


def staging(files: dict[str, str], region: str = "us-east-1") -> dict[str, str]:
    """`files` with a staging root beside prod: its copy, in `region`."""
    copies = {
        file.replace("prod/", "staging/", 1): text.replace("prod", "staging")
        for file, text in files.items()
        if file.startswith("prod/")
    }
    copies["staging/providers.tf"] = copies["staging/providers.tf"].replace(
        'default = "us-east-1"', f'default = "{region}"'
    )
    return {**files, **copies}


def test_environments_with_their_own_names_do_not_collide() -> None:
    assert check("names", staging(FARGATE)) == []
    assert check("names", staging(FARGATE, "eu-west-1")) == []


def test_names_two_environments_claim() -> None:
    both = staging(edited(FARGATE, "prod/iam.tf", '"shop-prod-api-task"', '"shop-api-task"'))
    both = edited(both, "staging/compute.tf", '"shop-staging-api"', '"shop-prod-api"')
    assert sorted(check("names", both)) == [
        "staging/compute.tf: aws_ecs_task_definition.api: family 'shop-prod-api' is also "
        "prod/compute.tf: aws_ecs_task_definition.api's, and must be unique in the account's "
        "region us-east-1",
        "staging/iam.tf: aws_iam_role.api_task: name 'shop-api-task' is also prod/iam.tf: "
        "aws_iam_role.api_task's, and must be unique in the account",
    ]


def test_regional_names_may_repeat_in_another_region_but_global_ones_may_not() -> None:
    both = staging(FARGATE, "eu-west-1")
    both = edited(both, "staging/compute.tf", '"shop-staging"', '"shop-prod"')
    assert check("names", both) == []
    both = edited(both, "staging/data.tf", '"shop-staging-files"', '"shop-prod-files"')
    assert check("names", both) == [
        "staging/data.tf: aws_s3_bucket.files: bucket 'shop-prod-files' is also prod/data.tf: "
        "aws_s3_bucket.files's, and must be unique in every account"
    ]


def test_names_over_their_limit_or_of_characters_aws_refuses() -> None:
    broken = edited(FARGATE, "prod/load_balancing.tf", '"shop-prod-alb"', f'"{"x" * 33}"')
    broken = edited(broken, "prod/data.tf", '"/shop-prod/api_key"', '"ssm-shop/api_key"')
    broken = edited(broken, "prod/data.tf", '"shop-prod-files"', '"Shop_Files"')
    assert sorted(check("names", broken)) == [
        "prod/data.tf: aws_s3_bucket.files: bucket 'Shop_Files' is not a valid name",
        "prod/data.tf: aws_ssm_parameter.api_key: name 'ssm-shop/api_key' is not a valid name",
        f"prod/load_balancing.tf: aws_lb.main: name '{'x' * 33}' is over 32",
    ]


# 5. state


def test_state_in_a_region_the_bootstrap_bucket_is_not_in() -> None:
    broken = edited(FARGATE, "prod/providers.tf", 'region = "us-east-1"', 'region = "us-west-2"')
    assert check("state", broken) == [
        "prod/providers.tf: state region 'us-west-2', but the bootstrap creates 'shop-state' in "
        "'us-east-1'"
    ]


def test_state_in_a_bucket_the_bootstrap_does_not_create() -> None:
    broken = edited(FARGATE, "prod/providers.tf", '"shop-state"', '"shop-state-x"')
    assert check("state", broken) == [
        "prod/providers.tf: state bucket 'shop-state-x' is not the bootstrap's (['shop-state'])"
    ]


def test_two_environments_sharing_a_state_key() -> None:
    both = staging(FARGATE)
    assert check("state", both) == []
    both = edited(
        both, "staging/providers.tf", '"staging/terraform.tfstate"', '"prod/terraform.tfstate"'
    )
    assert check("state", both) == [
        "staging/providers.tf: state key 'prod/terraform.tfstate' is also prod/providers.tf's"
    ]


# 6. more wiring


def test_references_to_what_is_not_declared() -> None:
    broken = edited(FARGATE, "prod/compute.tf", "aws_s3_bucket.files.id", "aws_s3_bucket.gone.id")
    broken = edited(broken, "prod/compute.tf", "var.image_tag", "var.tag")
    assert check("references", broken) == [
        "prod/compute.tf: refers to aws_s3_bucket.gone, which is not declared",
        "prod/compute.tf: refers to var.tag, which is not declared",
    ]


def test_a_target_group_no_listener_forwards_to() -> None:
    broken = edited(
        FARGATE,
        "prod/load_balancing.tf",
        """    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn""",
        '    type = "fixed-response"',
    )
    assert check("load-balancing", broken) == [
        "prod/load_balancing.tf: aws_lb_target_group.api: no listener forwards to it"
    ]


def test_a_service_registering_a_port_its_container_does_not_map() -> None:
    broken = edited(FARGATE, "prod/compute.tf", "container_port   = 8000", "container_port   = 80")
    broken = edited(broken, "prod/load_balancing.tf", 'target_type = "ip"', "")
    assert check("load-balancing", broken) == [
        "prod/load_balancing.tf: aws_lb_target_group.api: target_type must be ip for tasks on "
        "awsvpc",
        "prod/compute.tf: aws_ecs_service.api: registers container api port 80 in "
        "aws_lb_target_group.api, but its task definition maps [('api', 8000)]",
    ]


SERVICE_CONNECT = """
resource "aws_service_discovery_http_namespace" "main" {
  name = "shop-prod"
}
resource "aws_ecs_task_definition" "web" {
  family             = "shop-prod-web"
  execution_role_arn = aws_iam_role.api_execution.arn
  task_role_arn      = aws_iam_role.api_task.arn
  container_definitions = jsonencode([
    {
      name        = "web"
      image       = "nginx:alpine"
      environment = [{ name = "API_URL", value = "http://api:8000" }]
    },
  ])
}
resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = aws_ecs_task_definition.web.arn
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
  }
}
"""
API_PUBLISHED = """  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name = "http"
      client_alias {
        port     = 8000
        dns_name = "api"
      }
    }
  }
  load_balancer {"""


def test_a_service_calling_one_that_does_not_publish_its_name() -> None:
    files = {**FARGATE, "prod/web.tf": SERVICE_CONNECT}
    assert check("service-connect", files) == [
        "prod/web.tf: aws_ecs_service.web: calls http://api:8000, which aws_ecs_service.api "
        "does not publish in aws_service_discovery_http_namespace.main.arn"
    ]
    assert (
        check(
            "service-connect", edited(files, "prod/compute.tf", "  load_balancer {", API_PUBLISHED)
        )
        == []
    )


def test_a_role_that_does_not_trust_what_assumes_it() -> None:
    broken = edited(FARGATE, "prod/iam.tf", '"ecs-tasks.amazonaws.com"', '"ec2.amazonaws.com"')
    assert check("trust", broken) == [
        "prod/compute.tf: aws_ecs_task_definition.api: runs with aws_iam_role.api_execution, "
        "which does not trust ecs-tasks.amazonaws.com",
        "prod/compute.tf: aws_ecs_task_definition.api: runs with aws_iam_role.api_task, which "
        "does not trust ecs-tasks.amazonaws.com",
    ]


SCHEDULE = """
resource "aws_scheduler_schedule" "nightly" {
  name                = "shop-prod-nightly"
  schedule_expression = "cron(0 2 * * ? *)"
  target {
    arn      = aws_ecs_cluster.main.arn
    role_arn = aws_iam_role.scheduler.arn
    ecs_parameters {
      task_definition_arn = aws_ecs_task_definition.api.arn_without_revision
      network_configuration {
        subnets          = [aws_subnet.private_1.id]
        security_groups  = [aws_security_group.ecs_service_api.id]
        assign_public_ip = false
      }
    }
  }
}
data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "scheduler" {
  name               = "shop-prod-scheduler"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}
data "aws_iam_policy_document" "scheduler_run" {
  statement {
    actions   = ["ecs:RunTask"]
    resources = [aws_ecs_task_definition.api.arn_without_revision]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.api_execution.arn, aws_iam_role.api_task.arn]
  }
}
resource "aws_iam_role_policy" "scheduler_run" {
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler_run.json
}
"""


def test_a_schedule_whose_role_cannot_pass_the_task_roles() -> None:
    files = {**FARGATE, "prod/schedule.tf": SCHEDULE}
    assert check("scheduler", files) == []
    assert check("routes", files) == []
    broken = edited(files, "prod/schedule.tf", ", aws_iam_role.api_task.arn]", "]")
    assert check("scheduler", broken) == [
        "prod/schedule.tf: aws_scheduler_schedule.nightly: it passes aws_iam_role.api_task.arn "
        "to the task, which scheduler role aws_iam_role.scheduler is not allowed (iam:PassRole)"
    ]


def test_a_bucket_the_task_role_cannot_use() -> None:
    broken = edited(FARGATE, "prod/iam.tf", '["s3:GetObject", "s3:PutObject"]', '["s3:GetObject"]')
    assert check("access", broken) == [
        "prod/compute.tf: aws_ecs_task_definition.api: container api is given "
        "aws_s3_bucket.files, which task role aws_iam_role.api_task is not allowed (s3:PutObject)"
    ]


# the phase-1 host

HOST_ROOT = """\
resource "aws_subnet" "public_1" {
  vpc_id = "vpc-1"
}
resource "aws_internet_gateway" "main" {
  vpc_id = "vpc-1"
}
resource "aws_route_table" "public" {
  vpc_id = "vpc-1"
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}
resource "aws_route_table_association" "public_1" {
  subnet_id      = aws_subnet.public_1.id
  route_table_id = aws_route_table.public.id
}
resource "aws_security_group" "ec2_host_app" {
  vpc_id = "vpc-1"
}
resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.ec2_host_app.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
resource "aws_ecr_repository" "web" {
  name = "shop-prod/web"
}
resource "aws_cloudwatch_log_group" "app" {
  name = "/shop/prod"
}
resource "aws_ssm_parameter" "api_key" {
  name  = "/shop-prod/api_key"
  type  = "SecureString"
  value = "set-outside-terraform"
}
resource "aws_secretsmanager_secret" "database__password" {
  name = "shop-prod/database-password"
}
resource "aws_instance" "app" {
  subnet_id              = aws_subnet.public_1.id
  vpc_security_group_ids = [aws_security_group.ec2_host_app.id]
  iam_instance_profile   = aws_iam_instance_profile.host.name
  user_data = templatefile("${path.module}/host/user-data.sh.tftpl", {
    settings = base64gzip(jsonencode({
      region              = var.region
      database_secret_arn = aws_secretsmanager_secret.database__password.arn
    }))
  })
}
resource "aws_eip" "app" {
  domain   = "vpc"
  instance = aws_instance.app.id
}
data "aws_iam_policy_document" "host_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "host" {
  name               = "shop-prod-host"
  assume_role_policy = data.aws_iam_policy_document.host_assume.json
}
resource "aws_iam_instance_profile" "host" {
  name = "shop-prod-host"
  role = aws_iam_role.host.name
}
resource "aws_iam_role_policy_attachment" "host_1" {
  role       = aws_iam_role.host.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}
resource "aws_iam_role_policy_attachment" "host_2" {
  role       = aws_iam_role.host.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}
data "aws_iam_policy_document" "host_secrets" {
  statement {
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.api_key.arn]
  }
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.database__password.arn]
  }
}
resource "aws_iam_role_policy" "host_secrets" {
  role   = aws_iam_role.host.id
  policy = data.aws_iam_policy_document.host_secrets.json
}
"""
COMPOSE = """\
services:
  web:
    image: ${REGISTRY}/shop-prod/web:${TAG}
    env_file: [stack.env, web.env]
    logging:
      driver: awslogs
      options: {awslogs-group: /shop/prod, awslogs-stream-prefix: web}
"""
FETCH = """\
aws secretsmanager get-secret-value --region "$region" --secret-id "$database_secret"
aws ssm get-parameter --region "$region" --with-decryption --name "$name"
aws secretsmanager get-secret-value --region "$region" --secret-id "$name"
"""
HOST = {
    "bootstrap/state.tf": BOOTSTRAP,
    "prod/providers.tf": PROVIDERS,
    "prod/compute.tf": HOST_ROOT,
    "prod/host/compose.yaml": COMPOSE,
    "prod/host/fetch-secrets.sh": FETCH,
    "prod/host/secrets.tsv": "web\tAPI_KEY\tparameter-store\t/shop-prod/api_key\n",
}
HOST_PLAN = Plan(
    stack="shop",
    environment="prod",
    phase=1,
    phase_name="launch",
    region="us-east-1",
    resources=(SecurityGroup(name="ec2-host-app", owner="ec2_host.app"),),
    flows=(Flow("internet", "ec2_host.app", 443, "tcp", "HTTPS from users"),),
)


def test_a_host_role_without_the_database_secret() -> None:
    broken = edited(
        HOST,
        "prod/compute.tf",
        "resources = [aws_secretsmanager_secret.database__password.arn]",
        "resources = []",
    )
    assert check("secrets", broken) == [
        "prod/compute.tf: aws_instance.app: settings.json database_secret_arn names "
        "aws_secretsmanager_secret.database__password.arn, which host role aws_iam_role.host "
        "is not allowed (secretsmanager:GetSecretValue)"
    ]


def test_a_host_role_granting_a_call_the_host_does_not_make() -> None:
    broken = edited(HOST, "prod/compute.tf", '["ssm:GetParameter"]', '["ssm:GetParameters"]')
    assert check("secrets", broken) == [
        "prod/host/secrets.tsv: web reads API_KEY from aws_ssm_parameter.api_key.arn, which "
        "host role aws_iam_role.host is not allowed (ssm:GetParameter)",
        "prod/compute.tf: aws_iam_role_policy.host_secrets: gives aws_iam_role.host "
        "ssm:GetParameters on aws_ssm_parameter.api_key.arn, which nothing run with it reads",
    ]


def test_a_host_reading_a_secret_the_root_does_not_create() -> None:
    broken = {**HOST, "prod/host/secrets.tsv": "web\tTOKEN\tsecrets-manager\tshop-prod/token\n"}
    problems = check("secrets", broken)
    assert problems[0] == (
        "prod/host/secrets.tsv: web reads TOKEN from secrets-manager 'shop-prod/token', which "
        "this root does not create"
    )


def test_a_host_pulling_and_logging_where_nothing_is_created() -> None:
    broken = edited(HOST, "prod/host/compose.yaml", "shop-prod/web", "shop-prod/api")
    broken = edited(broken, "prod/host/compose.yaml", "/shop/prod,", "/shop/staging,")
    assert check("host-files", broken) == [
        "prod/host/compose.yaml: web pulls shop-prod/api, which no aws_ecr_repository creates",
        "prod/host/compose.yaml: web logs to /shop/staging, which no log group creates",
    ]


def test_a_host_role_that_cannot_pull_its_images() -> None:
    broken = edited(HOST, "prod/compute.tf", "AmazonEC2ContainerRegistryReadOnly", "x")
    problems = check("secrets", broken)
    assert len(problems) == 4 and all("pulls its image from" in p for p in problems), problems


def test_a_host_without_a_public_ip() -> None:
    broken = edited(HOST, "prod/compute.tf", "instance = aws_instance.app.id", "")
    assert check("routes", broken) == [
        "prod/compute.tf: aws_instance.app: cannot reach AWS or its users from "
        "aws_subnet.public_1: no public IP with an internet gateway route, and no NAT gateway "
        "route"
    ]


def test_the_folder_and_the_files_read_alike(tmp_path: Path) -> None:
    write_files(tmp_path, {f"terraform/{k}": v for k, v in FARGATE.items()})
    from_folder, from_files = read_folder(tmp_path), read_files(FARGATE)
    assert sorted(from_folder.roots) == sorted(from_files.roots) == ["bootstrap", "prod"]
    assert from_folder.roots["prod"].blocks == from_files.roots["prod"].blocks
