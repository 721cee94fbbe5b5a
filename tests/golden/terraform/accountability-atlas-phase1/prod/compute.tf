# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_ecr_repository" "api_gateway" {
  name                 = "accountabilityatlas-prod/api-gateway"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "api_gateway" {
  repository = aws_ecr_repository.api_gateway.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "location_service" {
  name                 = "accountabilityatlas-prod/location-service"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "location_service" {
  repository = aws_ecr_repository.location_service.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "moderation_service" {
  name                 = "accountabilityatlas-prod/moderation-service"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "moderation_service" {
  repository = aws_ecr_repository.moderation_service.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "notification_service" {
  name                 = "accountabilityatlas-prod/notification-service"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "notification_service" {
  repository = aws_ecr_repository.notification_service.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "search_service" {
  name                 = "accountabilityatlas-prod/search-service"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "search_service" {
  repository = aws_ecr_repository.search_service.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "user_service" {
  name                 = "accountabilityatlas-prod/user-service"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "user_service" {
  repository = aws_ecr_repository.user_service.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "video_service" {
  name                 = "accountabilityatlas-prod/video-service"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "video_service" {
  repository = aws_ecr_repository.video_service.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

resource "aws_ecr_repository" "web_app" {
  name                 = "accountabilityatlas-prod/web-app"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "web_app" {
  repository = aws_ecr_repository.web_app.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last 10 images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 10
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_instance" "app" {
  # checkov:skip=CKV_AWS_88:in phase 1 the host serves the internet itself (no load balancer); it is reached at its Elastic IP, and its group opens 80 and 443 only
  # checkov:skip=CKV_AWS_126:the alarms use 5-minute metrics; detailed monitoring is billed as custom metrics the plan does not include
  ami                         = data.aws_ssm_parameter.al2023.value
  instance_type               = "t3.xlarge"
  subnet_id                   = aws_subnet.public_1.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.ec2_host_app.id]
  iam_instance_profile        = aws_iam_instance_profile.host.name
  ebs_optimized               = true
  monitoring                  = false
  user_data_replace_on_change = false
  user_data = templatefile("${path.module}/host/user-data.sh.tftpl", {
    boot                 = base64gzip(file("${path.module}/host/boot.sh"))
    fetch_secrets        = base64gzip(file("${path.module}/host/fetch-secrets.sh"))
    start                = base64gzip(file("${path.module}/host/start.sh"))
    deploy               = base64gzip(file("${path.module}/host/deploy.sh"))
    run_job              = base64gzip(file("${path.module}/host/run-job.sh"))
    certificate          = base64gzip(file("${path.module}/host/certificate.sh"))
    certificate_deployed = base64gzip(file("${path.module}/host/certificate-deployed.sh"))
    compose              = base64gzip(file("${path.module}/host/compose.yaml"))
    nginx                = base64gzip(file("${path.module}/host/nginx.conf"))
    secrets              = base64gzip(file("${path.module}/host/secrets.tsv"))
    jobs                 = base64gzip(file("${path.module}/host/jobs.tsv"))
    settings = base64gzip(jsonencode({
      region              = var.region
      registry            = split("/", aws_ecr_repository.api_gateway.repository_url)[0]
      tag                 = var.image_tag
      domain              = "accountabilityatlas.com"
      database_secret_arn = aws_secretsmanager_secret.database__password.arn
      environment = {
        BUCKET_ASSETS           = aws_s3_bucket.assets.id
        DATABASE_HOST           = aws_db_instance.main.address
        DATABASE_NAME           = "app"
        DATABASE_PORT           = "5432"
        DATABASE_USER           = "app"
        QUEUE_MODERATION_URL    = aws_sqs_queue.moderation.url
        QUEUE_NOTIFICATIONS_URL = aws_sqs_queue.notifications.url
        REDIS_HOST              = "redis"
        REDIS_PORT              = "6379"
        REDIS_TLS               = "false"
      }
    }))
  })
  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }
  root_block_device {
    volume_type           = "gp3"
    volume_size           = 30
    encrypted             = true
    delete_on_termination = true
  }
  tags = {
    Name = "accountabilityatlas-prod-app"
  }
  # User data runs at first boot only; a deploy runs /opt/app/bin/deploy.sh through SSM Run Command (output deploy_command) instead of replacing the host.
  lifecycle {
    ignore_changes = [ami, user_data]
  }
  depends_on = [
    aws_cloudwatch_log_group.app,
    aws_cloudwatch_log_group.postgres_postgresql,
    aws_cloudwatch_log_group.postgres_upgrade,
  ]
}

resource "aws_eip" "app" {
  domain   = "vpc"
  instance = aws_instance.app.id
  tags = {
    Name = "accountabilityatlas-prod-app"
  }
}
