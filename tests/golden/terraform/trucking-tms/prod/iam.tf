# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

data "aws_caller_identity" "current" {
}

resource "aws_iam_role" "api_execution" {
  name               = "andi-tms-prod-api-execution"
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
      aws_secretsmanager_secret.database_secret_json.arn,
      aws_secretsmanager_secret.redis_secret_json.arn,
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
  name               = "andi-tms-prod-api-task"
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

data "aws_iam_policy_document" "api_task_access" {
  statement {
    sid       = "ObjectsDocuments"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.documents.arn}/*"]
  }
  statement {
    sid       = "ListDocuments"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.documents.arn]
  }
}

resource "aws_iam_role_policy" "api_task_access" {
  name   = "access"
  role   = aws_iam_role.api_task.id
  policy = data.aws_iam_policy_document.api_task_access.json
}
