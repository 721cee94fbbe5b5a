# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_db_subnet_group" "main" {
  name       = "accountabilityatlas-staging-db"
  subnet_ids = [aws_subnet.data_1.id, aws_subnet.data_2.id]
}

resource "aws_db_parameter_group" "main" {
  name_prefix = "accountabilityatlas-staging-postgres-"
  family      = "postgres16"
  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
  parameter {
    name  = "rds.allowed_extensions"
    value = "postgis,temporal_tables"
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "main" {
  # checkov:skip=CKV_AWS_293:deletion protection is for production; staging can be torn down (a final snapshot is still taken)
  # checkov:skip=CKV_AWS_157:the stack leaves Multi-AZ out at phase 3 (postgres.multi_az)
  # checkov:skip=CKV_AWS_118:enhanced monitoring is billed as CloudWatch Logs; set monitoring_interval and a role when you need it
  # checkov:skip=CKV_AWS_354:Performance Insights, when on, uses the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  identifier                          = "accountabilityatlas-staging-postgres"
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  storage_type                        = "gp3"
  storage_encrypted                   = true
  db_name                             = "app"
  username                            = "app"
  password                            = aws_secretsmanager_secret_version.database__password.secret_string
  iam_database_authentication_enabled = true
  multi_az                            = false
  db_subnet_group_name                = aws_db_subnet_group.main.name
  parameter_group_name                = aws_db_parameter_group.main.name
  vpc_security_group_ids              = [aws_security_group.database_postgres.id]
  publicly_accessible                 = false
  backup_retention_period             = 7
  copy_tags_to_snapshot               = true
  deletion_protection                 = false
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "accountabilityatlas-staging-postgres-final"
  auto_minor_version_upgrade          = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  performance_insights_enabled        = true
  depends_on                          = [aws_cloudwatch_log_group.postgres_postgresql, aws_cloudwatch_log_group.postgres_upgrade]
}

data "aws_secretsmanager_random_password" "database__password" {
  # A new value at every plan; the secret version below keeps the first one it was given, and what needs the value reads it from there. Never in these files.
  password_length     = 40
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "database__password" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotating the master password needs every service restarted with the new one
  name                    = "accountabilityatlas-staging/database-password"
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "database__password" {
  secret_id     = aws_secretsmanager_secret.database__password.id
  secret_string = data.aws_secretsmanager_random_password.database__password.random_password
  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_opensearch_domain" "main" {
  # checkov:skip=CKV_AWS_317:audit logs are billed per GB; publish them when you need them
  # checkov:skip=CKV_AWS_84:application logs are billed per GB; publish them when you need them
  # checkov:skip=CKV_AWS_247:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_318:dedicated master nodes would be three more instances than the stack's search.nodes; add them for large clusters
  # checkov:skip=CKV2_AWS_59:dedicated master nodes are not in the plan: the stack's search.nodes are data nodes
  # checkov:skip=CKV2_AWS_52:access is granted by IAM in the domain's access policy (to the services that use search), not by fine-grained access control
  domain_name    = "accountabilityatlas-s-70b4c2"
  engine_version = "OpenSearch_2.13"
  cluster_config {
    instance_type          = "t3.small.search"
    instance_count         = 1
    zone_awareness_enabled = false
  }
  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = 20
  }
  encrypt_at_rest {
    enabled = true
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
  vpc_options {
    subnet_ids         = slice([aws_subnet.data_1.id, aws_subnet.data_2.id], 0, 1)
    security_group_ids = [aws_security_group.search_domain_search.id]
  }
}

data "aws_iam_policy_document" "search_access" {
  statement {
    actions   = ["es:ESHttp*"]
    resources = ["${aws_opensearch_domain.main.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.search_service_task.arn]
    }
  }
}

resource "aws_opensearch_domain_policy" "main" {
  domain_name     = aws_opensearch_domain.main.domain_name
  access_policies = data.aws_iam_policy_document.search_access.json
}
