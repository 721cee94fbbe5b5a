# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

data "aws_caller_identity" "current" {
}

resource "aws_iam_role" "api_execution" {
  name               = "platform-prod-api-execution"
  assume_role_policy = data.aws_iam_policy_document.api_execution_assume.json
}

data "aws_iam_policy_document" "api_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "api_execution" {
  role       = aws_iam_role.api_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "api_execution_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.database_credentials.arn,
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "api_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.api_execution.id
  policy = data.aws_iam_policy_document.api_execution_secrets.json
}

resource "aws_iam_role" "api_task" {
  name               = "platform-prod-api-task"
  assume_role_policy = data.aws_iam_policy_document.api_task_assume.json
}

data "aws_iam_policy_document" "api_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "worker_execution" {
  name               = "platform-prod-worker-execution"
  assume_role_policy = data.aws_iam_policy_document.worker_execution_assume.json
}

data "aws_iam_policy_document" "worker_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "worker_execution" {
  role       = aws_iam_role.worker_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "worker_execution_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.database_credentials.arn,
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "worker_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.worker_execution.id
  policy = data.aws_iam_policy_document.worker_execution_secrets.json
}

resource "aws_iam_role" "worker_task" {
  name               = "platform-prod-worker-task"
  assume_role_policy = data.aws_iam_policy_document.worker_task_assume.json
}

data "aws_iam_policy_document" "worker_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scheduler_execution" {
  name               = "platform-prod-scheduler-execution"
  assume_role_policy = data.aws_iam_policy_document.scheduler_execution_assume.json
}

data "aws_iam_policy_document" "scheduler_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "scheduler_execution" {
  role       = aws_iam_role.scheduler_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "scheduler_execution_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.database_credentials.arn,
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "scheduler_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.scheduler_execution.id
  policy = data.aws_iam_policy_document.scheduler_execution_secrets.json
}

resource "aws_iam_role" "scheduler_task" {
  name               = "platform-prod-scheduler-task"
  assume_role_policy = data.aws_iam_policy_document.scheduler_task_assume.json
}

data "aws_iam_policy_document" "scheduler_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "notifier_execution" {
  name               = "platform-prod-notifier-execution"
  assume_role_policy = data.aws_iam_policy_document.notifier_execution_assume.json
}

data "aws_iam_policy_document" "notifier_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "notifier_execution" {
  role       = aws_iam_role.notifier_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "notifier_execution_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.database_credentials.arn,
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "notifier_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.notifier_execution.id
  policy = data.aws_iam_policy_document.notifier_execution_secrets.json
}

resource "aws_iam_role" "notifier_task" {
  name               = "platform-prod-notifier-task"
  assume_role_policy = data.aws_iam_policy_document.notifier_task_assume.json
}

data "aws_iam_policy_document" "notifier_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}
