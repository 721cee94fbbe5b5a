# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

data "aws_caller_identity" "current" {
}

resource "aws_iam_role" "web_app_execution" {
  name               = "accountabilityatlas-prod-web-app-execution"
  assume_role_policy = data.aws_iam_policy_document.web_app_execution_assume.json
}

data "aws_iam_policy_document" "web_app_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "web_app_execution" {
  role       = aws_iam_role.web_app_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "web_app_execution_secrets" {
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.mapbox_token.arn]
  }
}

resource "aws_iam_role_policy" "web_app_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.web_app_execution.id
  policy = data.aws_iam_policy_document.web_app_execution_secrets.json
}

resource "aws_iam_role" "web_app_task" {
  name               = "accountabilityatlas-prod-web-app-task"
  assume_role_policy = data.aws_iam_policy_document.web_app_task_assume.json
}

data "aws_iam_policy_document" "web_app_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "web_app_task_access" {
  statement {
    sid       = "ObjectsAssets"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.assets.arn}/*"]
  }
  statement {
    sid       = "ListAssets"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.assets.arn]
  }
}

resource "aws_iam_role_policy" "web_app_task_access" {
  name   = "access"
  role   = aws_iam_role.web_app_task.id
  policy = data.aws_iam_policy_document.web_app_task_access.json
}

resource "aws_iam_role" "api_gateway_execution" {
  name               = "accountabilityatlas-prod-api-gateway-execution"
  assume_role_policy = data.aws_iam_policy_document.api_gateway_execution_assume.json
}

data "aws_iam_policy_document" "api_gateway_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "api_gateway_execution" {
  role       = aws_iam_role.api_gateway_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "api_gateway_task" {
  name               = "accountabilityatlas-prod-api-gateway-task"
  assume_role_policy = data.aws_iam_policy_document.api_gateway_task_assume.json
}

data "aws_iam_policy_document" "api_gateway_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "user_service_execution" {
  name               = "accountabilityatlas-prod-user-service-execution"
  assume_role_policy = data.aws_iam_policy_document.user_service_execution_assume.json
}

data "aws_iam_policy_document" "user_service_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "user_service_execution" {
  role       = aws_iam_role.user_service_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "user_service_execution_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.jwt_private_key.arn,
      aws_secretsmanager_secret.admin_email.arn,
      aws_secretsmanager_secret.admin_password_hash.arn,
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "user_service_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.user_service_execution.id
  policy = data.aws_iam_policy_document.user_service_execution_secrets.json
}

resource "aws_iam_role" "user_service_task" {
  name               = "accountabilityatlas-prod-user-service-task"
  assume_role_policy = data.aws_iam_policy_document.user_service_task_assume.json
}

data "aws_iam_policy_document" "user_service_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "video_service_execution" {
  name               = "accountabilityatlas-prod-video-service-execution"
  assume_role_policy = data.aws_iam_policy_document.video_service_execution_assume.json
}

data "aws_iam_policy_document" "video_service_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "video_service_execution" {
  role       = aws_iam_role.video_service_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "video_service_execution_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.youtube_api_key.arn,
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "video_service_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.video_service_execution.id
  policy = data.aws_iam_policy_document.video_service_execution_secrets.json
}

resource "aws_iam_role" "video_service_task" {
  name               = "accountabilityatlas-prod-video-service-task"
  assume_role_policy = data.aws_iam_policy_document.video_service_task_assume.json
}

data "aws_iam_policy_document" "video_service_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "location_service_execution" {
  name               = "accountabilityatlas-prod-location-service-execution"
  assume_role_policy = data.aws_iam_policy_document.location_service_execution_assume.json
}

data "aws_iam_policy_document" "location_service_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "location_service_execution" {
  role       = aws_iam_role.location_service_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "location_service_execution_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "location_service_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.location_service_execution.id
  policy = data.aws_iam_policy_document.location_service_execution_secrets.json
}

resource "aws_iam_role" "location_service_task" {
  name               = "accountabilityatlas-prod-location-service-task"
  assume_role_policy = data.aws_iam_policy_document.location_service_task_assume.json
}

data "aws_iam_policy_document" "location_service_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "search_service_execution" {
  name               = "accountabilityatlas-prod-search-service-execution"
  assume_role_policy = data.aws_iam_policy_document.search_service_execution_assume.json
}

data "aws_iam_policy_document" "search_service_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "search_service_execution" {
  role       = aws_iam_role.search_service_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "search_service_execution_secrets" {
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.database__password.arn]
  }
}

resource "aws_iam_role_policy" "search_service_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.search_service_execution.id
  policy = data.aws_iam_policy_document.search_service_execution_secrets.json
}

resource "aws_iam_role" "search_service_task" {
  name               = "accountabilityatlas-prod-search-service-task"
  assume_role_policy = data.aws_iam_policy_document.search_service_task_assume.json
}

data "aws_iam_policy_document" "search_service_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "moderation_service_execution" {
  name               = "accountabilityatlas-prod-moderation-service-execution"
  assume_role_policy = data.aws_iam_policy_document.moderation_service_execution_assume.json
}

data "aws_iam_policy_document" "moderation_service_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "moderation_service_execution" {
  role       = aws_iam_role.moderation_service_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "moderation_service_execution_secrets" {
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.database__password.arn]
  }
}

resource "aws_iam_role_policy" "moderation_service_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.moderation_service_execution.id
  policy = data.aws_iam_policy_document.moderation_service_execution_secrets.json
}

resource "aws_iam_role" "moderation_service_task" {
  name               = "accountabilityatlas-prod-moderation-service-task"
  assume_role_policy = data.aws_iam_policy_document.moderation_service_task_assume.json
}

data "aws_iam_policy_document" "moderation_service_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "moderation_service_task_access" {
  statement {
    sid = "QueueModeration"
    actions = [
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
    ]
    resources = [aws_sqs_queue.moderation.arn]
  }
}

resource "aws_iam_role_policy" "moderation_service_task_access" {
  name   = "access"
  role   = aws_iam_role.moderation_service_task.id
  policy = data.aws_iam_policy_document.moderation_service_task_access.json
}

resource "aws_iam_role" "notification_service_execution" {
  name               = "accountabilityatlas-prod-notification-service-execution"
  assume_role_policy = data.aws_iam_policy_document.notification_service_execution_assume.json
}

data "aws_iam_policy_document" "notification_service_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "notification_service_execution" {
  role       = aws_iam_role.notification_service_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "notification_service_execution_secrets" {
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.database__password.arn]
  }
}

resource "aws_iam_role_policy" "notification_service_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.notification_service_execution.id
  policy = data.aws_iam_policy_document.notification_service_execution_secrets.json
}

resource "aws_iam_role" "notification_service_task" {
  name               = "accountabilityatlas-prod-notification-service-task"
  assume_role_policy = data.aws_iam_policy_document.notification_service_task_assume.json
}

data "aws_iam_policy_document" "notification_service_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "notification_service_task_access" {
  statement {
    sid = "QueueNotifications"
    actions = [
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
    ]
    resources = [aws_sqs_queue.notifications.arn]
  }
}

resource "aws_iam_role_policy" "notification_service_task_access" {
  name   = "access"
  role   = aws_iam_role.notification_service_task.id
  policy = data.aws_iam_policy_document.notification_service_task_access.json
}
