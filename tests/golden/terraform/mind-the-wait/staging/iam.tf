# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

data "aws_caller_identity" "current" {
}

resource "aws_iam_role" "php_execution" {
  name               = "mind-the-wait-staging-php-execution"
  assume_role_policy = data.aws_iam_policy_document.php_execution_assume.json
}

data "aws_iam_policy_document" "php_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "php_execution" {
  role       = aws_iam_role.php_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "php_execution_secrets" {
  statement {
    sid     = "Parameters"
    actions = ["ssm:GetParameters"]
    resources = [
      aws_ssm_parameter.database_url.arn,
      aws_ssm_parameter.redis_url.arn,
      aws_ssm_parameter.openai_api_key.arn,
      aws_ssm_parameter.gtfs_static_url.arn,
    ]
  }
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.database__password.arn,
      aws_secretsmanager_secret.cache__auth_token.arn,
    ]
  }
}

resource "aws_iam_role_policy" "php_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.php_execution.id
  policy = data.aws_iam_policy_document.php_execution_secrets.json
}

resource "aws_iam_role" "php_task" {
  name               = "mind-the-wait-staging-php-task"
  assume_role_policy = data.aws_iam_policy_document.php_task_assume.json
}

data "aws_iam_policy_document" "php_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "pyparser_execution" {
  name               = "mind-the-wait-staging-pyparser-execution"
  assume_role_policy = data.aws_iam_policy_document.pyparser_execution_assume.json
}

data "aws_iam_policy_document" "pyparser_execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "pyparser_execution" {
  role       = aws_iam_role.pyparser_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "pyparser_execution_secrets" {
  statement {
    sid       = "Parameters"
    actions   = ["ssm:GetParameters"]
    resources = [aws_ssm_parameter.redis_url.arn, aws_ssm_parameter.gtfs_static_url.arn]
  }
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.cache__auth_token.arn]
  }
}

resource "aws_iam_role_policy" "pyparser_execution_secrets" {
  name   = "secrets"
  role   = aws_iam_role.pyparser_execution.id
  policy = data.aws_iam_policy_document.pyparser_execution_secrets.json
}

resource "aws_iam_role" "pyparser_task" {
  name               = "mind-the-wait-staging-pyparser-task"
  assume_role_policy = data.aws_iam_policy_document.pyparser_task_assume.json
}

data "aws_iam_policy_document" "pyparser_task_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scheduler_execution" {
  name               = "mind-the-wait-staging-scheduler-execution"
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
    sid     = "Parameters"
    actions = ["ssm:GetParameters"]
    resources = [
      aws_ssm_parameter.database_url.arn,
      aws_ssm_parameter.redis_url.arn,
      aws_ssm_parameter.openai_api_key.arn,
    ]
  }
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
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
  name               = "mind-the-wait-staging-scheduler-task"
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

resource "aws_iam_role" "eventbridge__scheduler" {
  name               = "mind-the-wait-staging-eventbridge--scheduler"
  assume_role_policy = data.aws_iam_policy_document.eventbridge__scheduler_assume.json
}

data "aws_iam_policy_document" "eventbridge__scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "eventbridge__scheduler_run" {
  statement {
    sid       = "RunTasks"
    actions   = ["ecs:RunTask"]
    resources = [aws_ecs_task_definition.scheduler__cache_warm.arn_without_revision]
  }
  statement {
    sid       = "PassTaskRoles"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.scheduler_execution.arn, aws_iam_role.scheduler_task.arn]
  }
}

resource "aws_iam_role_policy" "eventbridge__scheduler_run" {
  name   = "run-tasks"
  role   = aws_iam_role.eventbridge__scheduler.id
  policy = data.aws_iam_policy_document.eventbridge__scheduler_run.json
}
