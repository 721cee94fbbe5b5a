# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

output "alerts_topic" {
  description = "alarms and budget alerts go here"
  value       = aws_sns_topic.alerts.arn
}

output "cache_auth_secret" {
  description = "the Secrets Manager secret holding the cache auth token"
  value       = aws_secretsmanager_secret.cache__auth_token.arn
}

output "cache_endpoint" {
  description = "the cache's primary endpoint"
  value       = aws_elasticache_replication_group.main.primary_endpoint_address
}

output "cluster_name" {
  description = "the ECS cluster"
  value       = aws_ecs_cluster.main.name
}

output "database_endpoint" {
  description = "PostgreSQL host"
  value       = aws_db_instance.main.address
}

output "database_password_secret" {
  description = "the Secrets Manager secret holding the master password"
  value       = aws_secretsmanager_secret.database__password.arn
}

output "load_balancer_dns_name" {
  description = "the load balancer's DNS name"
  value       = aws_lb.main.dns_name
}

output "repository_api" {
  description = "push the api image here"
  value       = aws_ecr_repository.api.repository_url
}

output "repository_notifier" {
  description = "push the notifier image here"
  value       = aws_ecr_repository.notifier.repository_url
}

output "repository_scheduler" {
  description = "push the scheduler image here"
  value       = aws_ecr_repository.scheduler.repository_url
}

output "repository_worker" {
  description = "push the worker image here"
  value       = aws_ecr_repository.worker.repository_url
}
