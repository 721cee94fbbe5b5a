# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_db_subnet_group" "main" {
  name       = "accountabilityatlas-prod-db"
  subnet_ids = [aws_subnet.data_1.id, aws_subnet.data_2.id]
}

resource "aws_db_parameter_group" "main" {
  name_prefix = "accountabilityatlas-prod-postgres-"
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
  # checkov:skip=CKV_AWS_157:Multi-AZ arrives in phase 3 (this is phase 2); set postgres.multi_az to have it now
  # checkov:skip=CKV_AWS_118:enhanced monitoring is billed as CloudWatch Logs; set monitoring_interval and a role when you need it
  # checkov:skip=CKV_AWS_353:Performance Insights is off in the stack (postgres.performance_insights)
  # checkov:skip=CKV_AWS_354:Performance Insights, when on, uses the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  identifier                          = "accountabilityatlas-prod-postgres"
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
  deletion_protection                 = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "accountabilityatlas-prod-postgres-final"
  auto_minor_version_upgrade          = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  performance_insights_enabled        = false
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
  name                    = "accountabilityatlas-prod/database-password"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "database__password" {
  secret_id     = aws_secretsmanager_secret.database__password.id
  secret_string = data.aws_secretsmanager_random_password.database__password.random_password
  lifecycle {
    ignore_changes = [secret_string]
  }
}
