# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_ecr_repository" "php" {
  name                 = "mind-the-wait-prod/php"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "php" {
  repository = aws_ecr_repository.php.name
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

resource "aws_ecr_repository" "pyparser" {
  name                 = "mind-the-wait-prod/pyparser"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "pyparser" {
  repository = aws_ecr_repository.pyparser.name
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

resource "aws_ecs_cluster" "main" {
  # checkov:skip=CKV_AWS_65:Container Insights (billed per metric, per service) arrives in phase 3 (this is phase 2); set topology.container_insights to have it now
  name = "mind-the-wait-prod"
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_ecs_task_definition" "php" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "mind-the-wait-prod-php"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.php_execution.arn
  task_role_arn            = aws_iam_role.php_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "php"
      image                  = "${aws_ecr_repository.php.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 8080
          protocol      = "tcp"
          appProtocol   = "http"
        },
      ]
      environment = [
        {
          name  = "DATABASE_HOST"
          value = aws_db_instance.main.address
        },
        {
          name  = "DATABASE_NAME"
          value = "app"
        },
        {
          name  = "DATABASE_PORT"
          value = "5432"
        },
        {
          name  = "DATABASE_USER"
          value = "app"
        },
        {
          name  = "REDIS_HOST"
          value = aws_elasticache_replication_group.main.primary_endpoint_address
        },
        {
          name  = "REDIS_PORT"
          value = "6379"
        },
        {
          name  = "REDIS_TLS"
          value = "true"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
        {
          name      = "DATABASE_URL"
          valueFrom = aws_ssm_parameter.database_url.arn
        },
        {
          name      = "GTFS_STATIC_URL"
          valueFrom = aws_ssm_parameter.gtfs_static_url.arn
        },
        {
          name      = "OPENAI_API_KEY"
          valueFrom = aws_ssm_parameter.openai_api_key.arn
        },
        {
          name      = "REDIS_AUTH_TOKEN"
          valueFrom = aws_secretsmanager_secret.cache__auth_token.arn
        },
        {
          name      = "REDIS_URL"
          valueFrom = aws_ssm_parameter.redis_url.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.php.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "php"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "php" {
  # checkov:skip=CKV_AWS_333:the stack pins tasks to public subnets without NAT (topology.task_subnets: public) to save the NAT gateway's cost
  name                              = "php"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.php.arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true
  health_check_grace_period_seconds = 60
  network_configuration {
    subnets          = [aws_subnet.public_1.id, aws_subnet.public_2.id]
    security_groups  = [aws_security_group.ecs_service_php.id]
    assign_public_ip = true
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.php.arn
    container_name   = "php"
    container_port   = 8080
  }
  depends_on = [aws_lb_listener.https]
  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_appautoscaling_target" "php" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.php.name}"
  min_capacity       = 1
  max_capacity       = 3
}

resource "aws_appautoscaling_policy" "php" {
  name               = "mind-the-wait-prod-php-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.php.service_namespace
  scalable_dimension = aws_appautoscaling_target.php.scalable_dimension
  resource_id        = aws_appautoscaling_target.php.resource_id
  target_tracking_scaling_policy_configuration {
    target_value       = 70
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_ecs_task_definition" "pyparser" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "mind-the-wait-prod-pyparser"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.pyparser_execution.arn
  task_role_arn            = aws_iam_role.pyparser_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "pyparser"
      image                  = "${aws_ecr_repository.pyparser.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      environment = [
        {
          name  = "REDIS_HOST"
          value = aws_elasticache_replication_group.main.primary_endpoint_address
        },
        {
          name  = "REDIS_PORT"
          value = "6379"
        },
        {
          name  = "REDIS_TLS"
          value = "true"
        },
      ]
      secrets = [
        {
          name      = "GTFS_STATIC_URL"
          valueFrom = aws_ssm_parameter.gtfs_static_url.arn
        },
        {
          name      = "REDIS_AUTH_TOKEN"
          valueFrom = aws_secretsmanager_secret.cache__auth_token.arn
        },
        {
          name      = "REDIS_URL"
          valueFrom = aws_ssm_parameter.redis_url.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.pyparser.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "pyparser"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "pyparser" {
  # checkov:skip=CKV_AWS_333:the stack pins tasks to public subnets without NAT (topology.task_subnets: public) to save the NAT gateway's cost
  name                    = "pyparser"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.pyparser.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  network_configuration {
    subnets          = [aws_subnet.public_1.id, aws_subnet.public_2.id]
    security_groups  = [aws_security_group.ecs_service_pyparser.id]
    assign_public_ip = true
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}

resource "aws_ecs_task_definition" "scheduler" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "mind-the-wait-prod-scheduler"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.scheduler_execution.arn
  task_role_arn            = aws_iam_role.scheduler_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "scheduler"
      image                  = "${aws_ecr_repository.php.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      command = [
        "sh",
        "-c",
        "main=$1; shift; while [ \"$#\" -ge 2 ]; do period=$1; job=$2; shift 2; (while sleep \"$period\"; do sh -c \"$job\" || echo \"job failed ($?): $job\" >&2; done) & done; exec sh -c \"$main\"",
        "job-runner",
        "sleep infinity",
        "30",
        "bin/console app:score:tick",
      ]
      environment = [
        {
          name  = "DATABASE_HOST"
          value = aws_db_instance.main.address
        },
        {
          name  = "DATABASE_NAME"
          value = "app"
        },
        {
          name  = "DATABASE_PORT"
          value = "5432"
        },
        {
          name  = "DATABASE_USER"
          value = "app"
        },
        {
          name  = "REDIS_HOST"
          value = aws_elasticache_replication_group.main.primary_endpoint_address
        },
        {
          name  = "REDIS_PORT"
          value = "6379"
        },
        {
          name  = "REDIS_TLS"
          value = "true"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
        {
          name      = "DATABASE_URL"
          valueFrom = aws_ssm_parameter.database_url.arn
        },
        {
          name      = "OPENAI_API_KEY"
          valueFrom = aws_ssm_parameter.openai_api_key.arn
        },
        {
          name      = "REDIS_AUTH_TOKEN"
          valueFrom = aws_secretsmanager_secret.cache__auth_token.arn
        },
        {
          name      = "REDIS_URL"
          valueFrom = aws_ssm_parameter.redis_url.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.scheduler.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "scheduler"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "scheduler" {
  # checkov:skip=CKV_AWS_333:the stack pins tasks to public subnets without NAT (topology.task_subnets: public) to save the NAT gateway's cost
  name                    = "scheduler"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.scheduler.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  # A singleton: a deploy stops the old task before it starts the new one.
  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100
  network_configuration {
    subnets          = [aws_subnet.public_1.id, aws_subnet.public_2.id]
    security_groups  = [aws_security_group.ecs_service_scheduler.id]
    assign_public_ip = true
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}

resource "aws_ecs_task_definition" "scheduler__cache_warm" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "mind-the-wait-prod-scheduler--cache-warm"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.scheduler_execution.arn
  task_role_arn            = aws_iam_role.scheduler_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "scheduler--cache-warm"
      image                  = "${aws_ecr_repository.php.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      command                = ["sh", "-c", "bin/console app:warm-insight-cache"]
      environment = [
        {
          name  = "DATABASE_HOST"
          value = aws_db_instance.main.address
        },
        {
          name  = "DATABASE_NAME"
          value = "app"
        },
        {
          name  = "DATABASE_PORT"
          value = "5432"
        },
        {
          name  = "DATABASE_USER"
          value = "app"
        },
        {
          name  = "REDIS_HOST"
          value = aws_elasticache_replication_group.main.primary_endpoint_address
        },
        {
          name  = "REDIS_PORT"
          value = "6379"
        },
        {
          name  = "REDIS_TLS"
          value = "true"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
        {
          name      = "DATABASE_URL"
          valueFrom = aws_ssm_parameter.database_url.arn
        },
        {
          name      = "OPENAI_API_KEY"
          valueFrom = aws_ssm_parameter.openai_api_key.arn
        },
        {
          name      = "REDIS_AUTH_TOKEN"
          valueFrom = aws_secretsmanager_secret.cache__auth_token.arn
        },
        {
          name      = "REDIS_URL"
          valueFrom = aws_ssm_parameter.redis_url.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.scheduler.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "scheduler--cache-warm"
        }
      }
    },
  ])
}

resource "aws_scheduler_schedule" "scheduler__cache_warm" {
  # checkov:skip=CKV_AWS_297:the schedule holds no secret; a customer-managed key is billed per key each month, and the plan has none
  name                         = "mind-the-wait-prod-scheduler--cache-warm"
  schedule_expression          = "cron(0 2 * * ? *)"
  schedule_expression_timezone = "UTC"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_ecs_cluster.main.arn
    role_arn = aws_iam_role.eventbridge__scheduler.arn
    ecs_parameters {
      task_definition_arn = aws_ecs_task_definition.scheduler__cache_warm.arn_without_revision
      launch_type         = "FARGATE"
      network_configuration {
        subnets          = [aws_subnet.public_1.id, aws_subnet.public_2.id]
        security_groups  = [aws_security_group.ecs_service_scheduler.id]
        assign_public_ip = true
      }
    }
  }
}
