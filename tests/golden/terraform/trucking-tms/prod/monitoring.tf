# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_cloudwatch_log_group" "container_insights" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 14 days (logs.retention_days)
  name              = "/aws/ecs/containerinsights/andi-tms-prod/performance"
  retention_in_days = 14
}

resource "aws_cloudwatch_log_group" "api" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 14 days (logs.retention_days)
  name              = "/ecs/andi-tms-prod/api"
  retention_in_days = 14
}

resource "aws_cloudwatch_log_group" "postgres_postgresql" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 14 days (logs.retention_days)
  name              = "/aws/rds/instance/andi-tms-prod-postgres/postgresql"
  retention_in_days = 14
}

resource "aws_cloudwatch_log_group" "postgres_upgrade" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 14 days (logs.retention_days)
  name              = "/aws/rds/instance/andi-tms-prod-postgres/upgrade"
  retention_in_days = 14
}

resource "aws_sns_topic" "alerts" {
  # checkov:skip=CKV_AWS_26:CloudWatch alarms and AWS Budgets cannot publish to a topic under the AWS-managed key; alerts carry no secrets
  name = "andi-tms-prod-alerts"
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

resource "aws_cloudwatch_metric_alarm" "service_cpu_api" {
  alarm_name          = "andi-tms-prod-service-cpu-api"
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
    ServiceName = aws_ecs_service.api.name
  }
}

resource "aws_cloudwatch_metric_alarm" "service_memory_api" {
  alarm_name          = "andi-tms-prod-service-memory-api"
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
    ServiceName = aws_ecs_service.api.name
  }
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx_main" {
  alarm_name          = "andi-tms-prod-alb-5xx-main"
  alarm_description   = "5xx responses above the threshold each minute for 5 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 20
  period              = 60
  evaluation_periods  = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    LoadBalancer = aws_lb.main.arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "db_cpu_postgres" {
  alarm_name          = "andi-tms-prod-db-cpu-postgres"
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
  alarm_name          = "andi-tms-prod-db-free-storage-postgres"
  alarm_description   = "database storage running out"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 2147483648
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
  dashboard_name = "andi-tms-prod-overview"
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
              "api",
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
              "api",
            ],
          ]
        }
      },
    ]
  })
}
