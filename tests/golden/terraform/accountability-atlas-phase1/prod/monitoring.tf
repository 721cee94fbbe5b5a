# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_cloudwatch_log_group" "app" {
  # checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV_AWS_338:the stack keeps logs 30 days (logs.retention_days)
  name              = "/accountabilityatlas/prod"
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

resource "aws_cloudwatch_metric_alarm" "host_cpu_app" {
  alarm_name          = "accountabilityatlas-prod-host-cpu-app"
  alarm_description   = "host CPU high for 10 minutes (a phase-2 trigger)"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 70
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    InstanceId = aws_instance.app.id
  }
}

resource "aws_cloudwatch_metric_alarm" "host_memory_app" {
  alarm_name          = "accountabilityatlas-prod-host-memory-app"
  alarm_description   = "host memory high for 10 minutes"
  namespace           = "CWAgent"
  metric_name         = "mem_used_percent"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    InstanceId = aws_instance.app.id
  }
}

resource "aws_cloudwatch_metric_alarm" "host_disk_app" {
  alarm_name          = "accountabilityatlas-prod-host-disk-app"
  alarm_description   = "host disk filling up"
  namespace           = "CWAgent"
  metric_name         = "disk_used_percent"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 85
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    InstanceId = aws_instance.app.id
    path       = "/"
    fstype     = "xfs"
  }
}

resource "aws_cloudwatch_metric_alarm" "host_status_app" {
  alarm_name          = "accountabilityatlas-prod-host-status-app"
  alarm_description   = "host failed its status check; recover it"
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_System"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  period              = 60
  evaluation_periods  = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn, "arn:aws:automate:${var.region}:ec2:recover"]
  ok_actions          = [aws_sns_topic.alerts.arn]
  dimensions = {
    InstanceId = aws_instance.app.id
  }
}
