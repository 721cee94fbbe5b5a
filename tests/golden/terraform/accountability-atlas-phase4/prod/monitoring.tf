# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_cloudwatch_log_group" "container_insights" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/aws/ecs/containerinsights/accountabilityatlas-prod/performance"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "web_app" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/web-app"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "api_gateway" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/api-gateway"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "user_service" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/user-service"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "video_service" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/video-service"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "location_service" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/location-service"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "search_service" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/search-service"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "moderation_service" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/moderation-service"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "notification_service" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/ecs/accountabilityatlas-prod/notification-service"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "postgres_postgresql" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/aws/rds/instance/accountabilityatlas-prod-postgres/postgresql"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "postgres_upgrade" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/aws/rds/instance/accountabilityatlas-prod-postgres/upgrade"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "postgres_replica_1_postgresql" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/aws/rds/instance/accountabilityatlas-prod-postgres-replica-1/postgresql"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "postgres_replica_1_upgrade" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/aws/rds/instance/accountabilityatlas-prod-postgres-replica-1/upgrade"
  retention_in_days = 30
}

resource "aws_sns_topic" "alerts" {
  # checkov:skip=CKV_AWS_26:CloudWatch alarms and AWS Budgets cannot publish to a topic under the AWS-managed key; alerts carry no secrets
  name = "accountabilityatlas-prod-alerts"
}

data "aws_iam_policy_document" "alerts_publish" {
  statement {
    sid       = "AlarmsAndBudgets"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
    principals {
      type        = "Service"
      identifiers = ["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = data.aws_iam_policy_document.alerts_publish.json
}

resource "aws_sns_topic_subscription" "alerts_email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = "ops@accountabilityatlas.com"
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_web_app" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-web-app"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.web_app.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_api_gateway" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-api-gateway"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.api_gateway.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_user_service" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-user-service"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.user_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_video_service" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-video-service"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.video_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_location_service" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-location-service"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.location_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_search_service" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-search-service"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.search_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_moderation_service" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-moderation-service"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.moderation_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_notification_service" {
  alarm_name          = "accountabilityatlas-prod-service-cpu-notification-service"
  alarm_description   = "service CPU high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.notification_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_web_app" {
  alarm_name          = "accountabilityatlas-prod-service-memory-web-app"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.web_app.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_api_gateway" {
  alarm_name          = "accountabilityatlas-prod-service-memory-api-gateway"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.api_gateway.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_user_service" {
  alarm_name          = "accountabilityatlas-prod-service-memory-user-service"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.user_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_video_service" {
  alarm_name          = "accountabilityatlas-prod-service-memory-video-service"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.video_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_location_service" {
  alarm_name          = "accountabilityatlas-prod-service-memory-location-service"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.location_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_search_service" {
  alarm_name          = "accountabilityatlas-prod-service-memory-search-service"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.search_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_moderation_service" {
  alarm_name          = "accountabilityatlas-prod-service-memory-moderation-service"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.moderation_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_notification_service" {
  alarm_name          = "accountabilityatlas-prod-service-memory-notification-service"
  alarm_description   = "service memory high for 10 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.notification_service.name
  }
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx_main" {
  alarm_name          = "accountabilityatlas-prod-alb-5xx-main"
  alarm_description   = "5xx responses above the threshold each minute for 5 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 10
  period              = 60
  evaluation_periods  = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    LoadBalancer = aws_lb.main.arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "alb_latency_main" {
  alarm_name          = "accountabilityatlas-prod-alb-latency-main"
  alarm_description   = "p95 response time high"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  extended_statistic  = "p95"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    LoadBalancer = aws_lb.main.arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "alb_unhealthy_hosts_web_app" {
  alarm_name          = "accountabilityatlas-prod-alb-unhealthy-hosts-web-app"
  alarm_description   = "a target failing its health check"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  period              = 60
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    TargetGroup  = aws_lb_target_group.web_app.arn_suffix
    LoadBalancer = aws_lb.main.arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "alb_unhealthy_hosts_api_gateway" {
  alarm_name          = "accountabilityatlas-prod-alb-unhealthy-hosts-api-gateway"
  alarm_description   = "a target failing its health check"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  period              = 60
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    TargetGroup  = aws_lb_target_group.api_gateway.arn_suffix
    LoadBalancer = aws_lb.main.arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "db_cpu_postgres" {
  alarm_name          = "accountabilityatlas-prod-db-cpu-postgres"
  alarm_description   = "database CPU high for 10 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.main.identifier
  }
}

resource "aws_cloudwatch_metric_alarm" "db_free_storage_postgres" {
  alarm_name          = "accountabilityatlas-prod-db-free-storage-postgres"
  alarm_description   = "database storage running out"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 21474836480
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.main.identifier
  }
}

resource "aws_cloudwatch_metric_alarm" "db_connections_postgres" {
  alarm_name          = "accountabilityatlas-prod-db-connections-postgres"
  alarm_description   = "database connections near the limit"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1442
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.main.identifier
  }
}

resource "aws_cloudwatch_metric_alarm" "cache_cpu_redis" {
  alarm_name          = "accountabilityatlas-prod-cache-cpu-redis"
  alarm_description   = "cache engine CPU high"
  namespace           = "AWS/ElastiCache"
  metric_name         = "EngineCPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    CacheClusterId = "${aws_elasticache_replication_group.main.id}-001"
  }
}

resource "aws_cloudwatch_metric_alarm" "cache_memory_redis" {
  alarm_name          = "accountabilityatlas-prod-cache-memory-redis"
  alarm_description   = "cache memory nearly full"
  namespace           = "AWS/ElastiCache"
  metric_name         = "DatabaseMemoryUsagePercentage"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    CacheClusterId = "${aws_elasticache_replication_group.main.id}-001"
  }
}

resource "aws_cloudwatch_metric_alarm" "queue_depth_moderation" {
  alarm_name          = "accountabilityatlas-prod-queue-depth-moderation"
  alarm_description   = "messages piling up"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1000
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    QueueName = aws_sqs_queue.moderation.name
  }
}

resource "aws_cloudwatch_metric_alarm" "queue_depth_notifications" {
  alarm_name          = "accountabilityatlas-prod-queue-depth-notifications"
  alarm_description   = "messages piling up"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1000
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    QueueName = aws_sqs_queue.notifications.name
  }
}

resource "aws_cloudwatch_metric_alarm" "dead_letters_moderation" {
  alarm_name          = "accountabilityatlas-prod-dead-letters-moderation"
  alarm_description   = "messages failed processing"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    QueueName = aws_sqs_queue.moderation_dead_letter.name
  }
}

resource "aws_cloudwatch_metric_alarm" "dead_letters_notifications" {
  alarm_name          = "accountabilityatlas-prod-dead-letters-notifications"
  alarm_description   = "messages failed processing"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    QueueName = aws_sqs_queue.notifications_dead_letter.name
  }
}

resource "aws_cloudwatch_metric_alarm" "search_red_search" {
  alarm_name          = "accountabilityatlas-prod-search-red-search"
  alarm_description   = "search cluster red"
  namespace           = "AWS/ES"
  metric_name         = "ClusterStatus.red"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  period              = 60
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    DomainName = aws_opensearch_domain.main.domain_name
    ClientId   = data.aws_caller_identity.current.account_id
  }
}

resource "aws_cloudwatch_dashboard" "overview" {
  dashboard_name = "accountabilityatlas-prod-overview"
  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        x      = 0
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "ECS CPUUtilization"
          region = var.region
          stat   = "Average"
          metrics = [
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "web-app",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "api-gateway",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "user-service",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "video-service",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "location-service",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "search-service",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "moderation-service",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "notification-service",
            ],
          ]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "ECS MemoryUtilization"
          region = var.region
          stat   = "Average"
          metrics = [
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "web-app",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "api-gateway",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "user-service",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "video-service",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "location-service",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "search-service",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "moderation-service",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "notification-service",
            ],
          ]
        }
      },
    ]
  })
}

resource "aws_cloudwatch_dashboard" "database" {
  dashboard_name = "accountabilityatlas-prod-database"
  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        x      = 0
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "RDS CPU and connections"
          region = var.region
          stat   = "Average"
          metrics = [
            ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", aws_db_instance.main.identifier],
            [
              "AWS/RDS",
              "DatabaseConnections",
              "DBInstanceIdentifier",
              aws_db_instance.main.identifier,
            ],
          ]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 0
        width  = 12
        height = 6
        properties = {
          title   = "RDS free storage"
          region  = var.region
          stat    = "Average"
          metrics = [["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", aws_db_instance.main.identifier]]
        }
      },
    ]
  })
}

resource "aws_cloudwatch_dashboard" "search" {
  dashboard_name = "accountabilityatlas-prod-search"
  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        x      = 0
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "Search CPU and JVM memory"
          region = var.region
          stat   = "Average"
          metrics = [
            [
              "AWS/ES",
              "CPUUtilization",
              "DomainName",
              aws_opensearch_domain.main.domain_name,
              "ClientId",
              data.aws_caller_identity.current.account_id,
            ],
            [
              "AWS/ES",
              "JVMMemoryPressure",
              "DomainName",
              aws_opensearch_domain.main.domain_name,
              "ClientId",
              data.aws_caller_identity.current.account_id,
            ],
          ]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "Search latency"
          region = var.region
          stat   = "Average"
          metrics = [
            [
              "AWS/ES",
              "SearchLatency",
              "DomainName",
              aws_opensearch_domain.main.domain_name,
              "ClientId",
              data.aws_caller_identity.current.account_id,
            ],
          ]
        }
      },
    ]
  })
}

resource "aws_xray_sampling_rule" "main" {
  rule_name      = "accountabilityatlas-prod"
  priority       = 1000
  fixed_rate     = 0.05
  reservoir_size = 0
  service_name   = "*"
  service_type   = "*"
  host           = "*"
  http_method    = "*"
  url_path       = "*"
  resource_arn   = "*"
  version        = 1
}
