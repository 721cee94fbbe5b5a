# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

data "aws_caller_identity" "current" {
}

resource "aws_iam_role" "host" {
  name               = "atlas-prod-host"
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
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy_attachment" "host_2" {
  role       = aws_iam_role.host.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}

resource "aws_iam_role_policy_attachment" "host_3" {
  role       = aws_iam_role.host.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}

data "aws_iam_policy_document" "host_secrets" {
  statement {
    sid     = "Secrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.mapbox_token.arn,
      aws_secretsmanager_secret.jwt_private_key.arn,
      aws_secretsmanager_secret.database_password.arn,
      aws_secretsmanager_secret.admin_password_hash.arn,
      aws_secretsmanager_secret.youtube_api_key.arn,
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
    sid       = "ObjectsVideos"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.videos.arn}/*"]
  }
  statement {
    sid       = "ListVideos"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.videos.arn]
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
  name = "atlas-prod-host"
  role = aws_iam_role.host.name
}
