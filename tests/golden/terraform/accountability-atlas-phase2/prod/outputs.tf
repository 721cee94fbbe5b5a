# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

output "alerts_topic" {
  description = "alarms and budget alerts go here"
  value       = aws_sns_topic.alerts.arn
}

output "bucket_assets" {
  description = "the assets bucket"
  value       = aws_s3_bucket.assets.id
}

output "bucket_backups" {
  description = "the backups bucket"
  value       = aws_s3_bucket.backups.id
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

output "queue_moderation_url" {
  description = "the moderation queue"
  value       = aws_sqs_queue.moderation.url
}

output "queue_notifications_url" {
  description = "the notifications queue"
  value       = aws_sqs_queue.notifications.url
}

output "repository_api_gateway" {
  description = "push the api-gateway image here"
  value       = aws_ecr_repository.api_gateway.repository_url
}

output "repository_location_service" {
  description = "push the location-service image here"
  value       = aws_ecr_repository.location_service.repository_url
}

output "repository_moderation_service" {
  description = "push the moderation-service image here"
  value       = aws_ecr_repository.moderation_service.repository_url
}

output "repository_notification_service" {
  description = "push the notification-service image here"
  value       = aws_ecr_repository.notification_service.repository_url
}

output "repository_search_service" {
  description = "push the search-service image here"
  value       = aws_ecr_repository.search_service.repository_url
}

output "repository_user_service" {
  description = "push the user-service image here"
  value       = aws_ecr_repository.user_service.repository_url
}

output "repository_video_service" {
  description = "push the video-service image here"
  value       = aws_ecr_repository.video_service.repository_url
}

output "repository_web_app" {
  description = "push the web-app image here"
  value       = aws_ecr_repository.web_app.repository_url
}
