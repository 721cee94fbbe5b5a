# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

data "aws_caller_identity" "current" {
}

resource "aws_iam_role" "host" {
  name               = "accountabilityatlas-prod-host"
  assume_role_policy = data.aws_iam_policy_document.host_assume.json
}

data "aws_iam_policy_document" "host_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "host_1" {
  role       = aws_iam_role.host.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}

data "aws_iam_policy_document" "host_agent" {
  # checkov:skip=CKV_AWS_111:the SSM agent's channel actions take no resource; the image pulls below are scoped to this stack's repositories
  # checkov:skip=CKV_AWS_356:the SSM agent's channel and the ECR login take no resource; AmazonSSMManagedInstanceCore grants the same on *, and more
  statement {
    sid = "SessionsAndCommands"
    actions = [
      "ssm:UpdateInstanceInformation",
      "ssm:ListInstanceAssociations",
      "ssm:DescribeInstanceProperties",
      "ssm:DescribeDocumentParameters",
      "ssm:GetDocument",
      "ssm:PutInventory",
      "ssm:PutComplianceItems",
      "ssm:UpdateInstanceAssociationStatus",
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
      "ec2messages:AcknowledgeMessage",
      "ec2messages:DeleteMessage",
      "ec2messages:FailMessage",
      "ec2messages:GetEndpoint",
      "ec2messages:GetMessages",
      "ec2messages:SendReply",
    ]
    resources = ["*"]
  }
  statement {
    sid       = "RegistryLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid     = "PullImages"
    actions = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [
      aws_ecr_repository.api_gateway.arn,
      aws_ecr_repository.location_service.arn,
      aws_ecr_repository.moderation_service.arn,
      aws_ecr_repository.notification_service.arn,
      aws_ecr_repository.search_service.arn,
      aws_ecr_repository.user_service.arn,
      aws_ecr_repository.video_service.arn,
      aws_ecr_repository.web_app.arn,
    ]
  }
}

resource "aws_iam_role_policy" "host_agent" {
  name   = "agent"
  role   = aws_iam_role.host.id
  policy = data.aws_iam_policy_document.host_agent.json
}

data "aws_iam_policy_document" "host_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.mapbox_token.arn,
      aws_secretsmanager_secret.jwt_private_key.arn,
      aws_secretsmanager_secret.admin_email.arn,
      aws_secretsmanager_secret.admin_password_hash.arn,
      aws_secretsmanager_secret.youtube_api_key.arn,
      aws_secretsmanager_secret.database__password.arn,
    ]
  }
}

resource "aws_iam_role_policy" "host_secrets" {
  name   = "secrets"
  role   = aws_iam_role.host.id
  policy = data.aws_iam_policy_document.host_secrets.json
}

data "aws_iam_policy_document" "host_access" {
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

resource "aws_iam_role_policy" "host_access" {
  name   = "access"
  role   = aws_iam_role.host.id
  policy = data.aws_iam_policy_document.host_access.json
}

resource "aws_iam_instance_profile" "host" {
  name = "accountabilityatlas-prod-host"
  role = aws_iam_role.host.name
}
