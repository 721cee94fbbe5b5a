# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_cloudwatch_log_group" "php" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 7 days (logs.retention_days)
  name              = "/ecs/mind-the-wait-prod/php"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "pyparser" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 7 days (logs.retention_days)
  name              = "/ecs/mind-the-wait-prod/pyparser"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "scheduler" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 7 days (logs.retention_days)
  name              = "/ecs/mind-the-wait-prod/scheduler"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "postgres_postgresql" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 7 days (logs.retention_days)
  name              = "/aws/rds/instance/mind-the-wait-prod-postgres/postgresql"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "postgres_upgrade" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 7 days (logs.retention_days)
  name              = "/aws/rds/instance/mind-the-wait-prod-postgres/upgrade"
  retention_in_days = 7
}

resource "aws_sns_topic" "alerts" {
  # checkov:skip=CKV_AWS_26:CloudWatch alarms and AWS Budgets cannot publish to a topic under the AWS-managed key; alerts carry no secrets
  name = "mind-the-wait-prod-alerts"
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
  endpoint  = "alerts@mindthewait.example.com"
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_php" {
  alarm_name          = "mind-the-wait-prod-service-cpu-php"
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
    ServiceName = aws_ecs_service.php.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_pyparser" {
  alarm_name          = "mind-the-wait-prod-service-cpu-pyparser"
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
    ServiceName = aws_ecs_service.pyparser.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu_scheduler" {
  alarm_name          = "mind-the-wait-prod-service-cpu-scheduler"
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
    ServiceName = aws_ecs_service.scheduler.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_php" {
  alarm_name          = "mind-the-wait-prod-service-memory-php"
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
    ServiceName = aws_ecs_service.php.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_pyparser" {
  alarm_name          = "mind-the-wait-prod-service-memory-pyparser"
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
    ServiceName = aws_ecs_service.pyparser.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_scheduler" {
  alarm_name          = "mind-the-wait-prod-service-memory-scheduler"
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
    ServiceName = aws_ecs_service.scheduler.name
  }
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx_main" {
  alarm_name          = "mind-the-wait-prod-alb-5xx-main"
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
  alarm_name          = "mind-the-wait-prod-alb-latency-main"
  alarm_description   = "p95 response time high"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  extended_statistic  = "p95"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 2
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    LoadBalancer = aws_lb.main.arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "db_cpu_postgres" {
  alarm_name          = "mind-the-wait-prod-db-cpu-postgres"
  alarm_description   = "database CPU high for 10 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 90
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
  alarm_name          = "mind-the-wait-prod-db-free-storage-postgres"
  alarm_description   = "database storage running out"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 4294967296
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.main.identifier
  }
}

resource "aws_cloudwatch_dashboard" "overview" {
  dashboard_name = "mind-the-wait-prod-overview"
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
              "php",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "pyparser",
            ],
            [
              "AWS/ECS",
              "CPUUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "scheduler",
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
              "php",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "pyparser",
            ],
            [
              "AWS/ECS",
              "MemoryUtilization",
              "ClusterName",
              aws_ecs_cluster.main.name,
              "ServiceName",
              "scheduler",
            ],
          ]
        }
      },
    ]
  })
}

resource "aws_cloudwatch_dashboard" "database" {
  dashboard_name = "mind-the-wait-prod-database"
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

resource "aws_budgets_budget" "monthly" {
  name         = "mind-the-wait-prod-monthly"
  budget_type  = "COST"
  limit_amount = "100.00"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"
  # Counts the costs tagged with this environment: activate the `environment` cost-allocation tag in Billing once.
  cost_filter {
    name   = "TagKeyValue"
    values = ["user:environment$prod"]
  }
  notification {
    comparison_operator       = "GREATER_THAN"
    threshold                 = 80
    threshold_type            = "PERCENTAGE"
    notification_type         = "ACTUAL"
    subscriber_sns_topic_arns = [aws_sns_topic.alerts.arn]
  }
  notification {
    comparison_operator       = "GREATER_THAN"
    threshold                 = 100
    threshold_type            = "PERCENTAGE"
    notification_type         = "ACTUAL"
    subscriber_sns_topic_arns = [aws_sns_topic.alerts.arn]
  }
  notification {
    comparison_operator       = "GREATER_THAN"
    threshold                 = 120
    threshold_type            = "PERCENTAGE"
    notification_type         = "ACTUAL"
    subscriber_sns_topic_arns = [aws_sns_topic.alerts.arn]
  }
  depends_on = [aws_sns_topic_policy.alerts]
}
