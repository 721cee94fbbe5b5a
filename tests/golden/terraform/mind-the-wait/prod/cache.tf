# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_elasticache_subnet_group" "main" {
  name       = "mind-the-wait-prod-cache"
  subnet_ids = [aws_subnet.data_1.id, aws_subnet.data_2.id]
}

resource "aws_elasticache_parameter_group" "main" {
  name   = "mind-the-wait-prod-cache"
  family = "redis7"
  parameter {
    name  = "maxmemory-policy"
    value = "allkeys-lru"
  }
}

data "aws_secretsmanager_random_password" "cache__auth_token" {
  # A new value at every plan; the secret version below keeps the first one it was given, and what needs the value reads it from there. Never in these files.
  password_length     = 40
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "cache__auth_token" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotating the token needs the cache and its clients rotated together
  name                    = "mind-the-wait-prod/cache-auth-token"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "cache__auth_token" {
  secret_id     = aws_secretsmanager_secret.cache__auth_token.id
  secret_string = data.aws_secretsmanager_random_password.cache__auth_token.random_password
  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_elasticache_replication_group" "main" {
  # checkov:skip=CKV_AWS_191:encrypted at rest with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_50:a second cache node arrives in phase 3 (this is phase 2); set redis.nodes to have it now
  replication_group_id       = "mind-the-wait-prod-cache"
  description                = "mind-the-wait-prod cache"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.t4g.micro"
  num_cache_clusters         = 1
  automatic_failover_enabled = false
  multi_az_enabled           = false
  port                       = 6379
  subnet_group_name          = aws_elasticache_subnet_group.main.name
  parameter_group_name       = aws_elasticache_parameter_group.main.name
  security_group_ids         = [aws_security_group.cache_redis.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = aws_secretsmanager_secret_version.cache__auth_token.secret_string
  snapshot_retention_limit   = 0
  auto_minor_version_upgrade = true
  apply_immediately          = false
}
