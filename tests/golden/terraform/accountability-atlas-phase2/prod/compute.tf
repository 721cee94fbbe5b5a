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

resource "aws_ecs_cluster" "main" {
  # checkov:skip=CKV_AWS_65:Container Insights (billed per metric, per service) arrives in phase 3 (this is phase 2); set topology.container_insights to have it now
  name = "accountabilityatlas-prod"
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
  service_connect_defaults {
    namespace = aws_service_discovery_http_namespace.main.arn
  }
}

resource "aws_service_discovery_http_namespace" "main" {
  name        = "accountabilityatlas-prod"
  description = "services find each other by name through ECS Service Connect"
}

resource "aws_ecs_task_definition" "web_app" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-web-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.web_app_execution.arn
  task_role_arn            = aws_iam_role.web_app_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "web-app"
      image                  = "${aws_ecr_repository.web_app.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 3000
          protocol      = "tcp"
          appProtocol   = "http"
        },
      ]
      environment = [
        {
          name  = "API_GATEWAY_URL"
          value = "http://api-gateway:8080"
        },
        {
          name  = "BUCKET_ASSETS"
          value = aws_s3_bucket.assets.id
        },
        {
          name  = "NODE_ENV"
          value = "production"
        },
      ]
      secrets = [
        {
          name      = "MAPBOX_TOKEN"
          valueFrom = aws_secretsmanager_secret.mapbox_token.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.web_app.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "web-app"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "web_app" {
  name                              = "web-app"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.web_app.arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true
  health_check_grace_period_seconds = 60
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_web_app.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.web_app.arn
    container_name   = "web-app"
    container_port   = 3000
  }
  depends_on = [aws_lb_listener.https]
}

resource "aws_ecs_task_definition" "api_gateway" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-api-gateway"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.api_gateway_execution.arn
  task_role_arn            = aws_iam_role.api_gateway_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "api-gateway"
      image                  = "${aws_ecr_repository.api_gateway.repository_url}:${var.image_tag}"
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
          name  = "LOCATION_SERVICE_URL"
          value = "http://location-service:8083"
        },
        {
          name  = "MODERATION_SERVICE_URL"
          value = "http://moderation-service:8085"
        },
        {
          name  = "NOTIFICATION_SERVICE_URL"
          value = "http://notification-service:8086"
        },
        {
          name  = "SEARCH_SERVICE_URL"
          value = "http://search-service:8084"
        },
        {
          name  = "SPRING_PROFILES_ACTIVE"
          value = "prod"
        },
        {
          name  = "USER_SERVICE_URL"
          value = "http://user-service:8081"
        },
        {
          name  = "VIDEO_SERVICE_URL"
          value = "http://video-service:8082"
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.api_gateway.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "api-gateway"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "api_gateway" {
  name                              = "api-gateway"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.api_gateway.arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true
  health_check_grace_period_seconds = 60
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_api_gateway.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name      = "http"
      discovery_name = "api-gateway"
      client_alias {
        port     = 8080
        dns_name = "api-gateway"
      }
    }
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.api_gateway.arn
    container_name   = "api-gateway"
    container_port   = 8080
  }
  depends_on = [aws_lb_listener.https]
}

resource "aws_ecs_task_definition" "user_service" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-user-service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.user_service_execution.arn
  task_role_arn            = aws_iam_role.user_service_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "user-service"
      image                  = "${aws_ecr_repository.user_service.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 8081
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
        {
          name  = "SPRING_PROFILES_ACTIVE"
          value = "prod"
        },
      ]
      secrets = [
        {
          name      = "ADMIN_EMAIL"
          valueFrom = aws_secretsmanager_secret.admin_email.arn
        },
        {
          name      = "ADMIN_PASSWORD_HASH"
          valueFrom = aws_secretsmanager_secret.admin_password_hash.arn
        },
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
        {
          name      = "JWT_PRIVATE_KEY"
          valueFrom = aws_secretsmanager_secret.jwt_private_key.arn
        },
        {
          name      = "REDIS_AUTH_TOKEN"
          valueFrom = aws_secretsmanager_secret.cache__auth_token.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.user_service.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "user-service"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "user_service" {
  name                    = "user-service"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.user_service.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_user_service.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name      = "http"
      discovery_name = "user-service"
      client_alias {
        port     = 8081
        dns_name = "user-service"
      }
    }
  }
}

resource "aws_ecs_task_definition" "video_service" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-video-service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.video_service_execution.arn
  task_role_arn            = aws_iam_role.video_service_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "video-service"
      image                  = "${aws_ecr_repository.video_service.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 8082
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
        {
          name  = "SPRING_PROFILES_ACTIVE"
          value = "prod"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
        {
          name      = "REDIS_AUTH_TOKEN"
          valueFrom = aws_secretsmanager_secret.cache__auth_token.arn
        },
        {
          name      = "YOUTUBE_API_KEY"
          valueFrom = aws_secretsmanager_secret.youtube_api_key.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.video_service.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "video-service"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "video_service" {
  name                    = "video-service"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.video_service.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_video_service.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name      = "http"
      discovery_name = "video-service"
      client_alias {
        port     = 8082
        dns_name = "video-service"
      }
    }
  }
}

resource "aws_ecs_task_definition" "location_service" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-location-service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.location_service_execution.arn
  task_role_arn            = aws_iam_role.location_service_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "location-service"
      image                  = "${aws_ecr_repository.location_service.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 8083
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
        {
          name  = "SPRING_PROFILES_ACTIVE"
          value = "prod"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
        {
          name      = "REDIS_AUTH_TOKEN"
          valueFrom = aws_secretsmanager_secret.cache__auth_token.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.location_service.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "location-service"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "location_service" {
  name                    = "location-service"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.location_service.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_location_service.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name      = "http"
      discovery_name = "location-service"
      client_alias {
        port     = 8083
        dns_name = "location-service"
      }
    }
  }
}

resource "aws_ecs_task_definition" "search_service" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-search-service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.search_service_execution.arn
  task_role_arn            = aws_iam_role.search_service_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "search-service"
      image                  = "${aws_ecr_repository.search_service.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 8084
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
          name  = "SPRING_PROFILES_ACTIVE"
          value = "prod,fts"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.search_service.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "search-service"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "search_service" {
  name                    = "search-service"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.search_service.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_search_service.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name      = "http"
      discovery_name = "search-service"
      client_alias {
        port     = 8084
        dns_name = "search-service"
      }
    }
  }
}

resource "aws_ecs_task_definition" "moderation_service" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-moderation-service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.moderation_service_execution.arn
  task_role_arn            = aws_iam_role.moderation_service_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "moderation-service"
      image                  = "${aws_ecr_repository.moderation_service.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 8085
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
          name  = "QUEUE_MODERATION_URL"
          value = aws_sqs_queue.moderation.url
        },
        {
          name  = "SPRING_PROFILES_ACTIVE"
          value = "prod"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.moderation_service.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "moderation-service"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "moderation_service" {
  name                    = "moderation-service"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.moderation_service.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_moderation_service.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name      = "http"
      discovery_name = "moderation-service"
      client_alias {
        port     = 8085
        dns_name = "moderation-service"
      }
    }
  }
}

resource "aws_ecs_task_definition" "notification_service" {
  # checkov:skip=CKV_AWS_336:most application images write to their own filesystem; set readonlyRootFilesystem once yours does not
  family                   = "accountabilityatlas-prod-notification-service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.notification_service_execution.arn
  task_role_arn            = aws_iam_role.notification_service_task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "notification-service"
      image                  = "${aws_ecr_repository.notification_service.repository_url}:${var.image_tag}"
      essential              = true
      readonlyRootFilesystem = false
      portMappings = [
        {
          name          = "http"
          containerPort = 8086
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
          name  = "QUEUE_NOTIFICATIONS_URL"
          value = aws_sqs_queue.notifications.url
        },
        {
          name  = "SPRING_PROFILES_ACTIVE"
          value = "prod"
        },
      ]
      secrets = [
        {
          name      = "DATABASE_PASSWORD"
          valueFrom = aws_secretsmanager_secret.database__password.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.notification_service.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "notification-service"
        }
      }
    },
  ])
}

resource "aws_ecs_service" "notification_service" {
  name                    = "notification-service"
  cluster                 = aws_ecs_cluster.main.id
  task_definition         = aws_ecs_task_definition.notification_service.arn
  desired_count           = 1
  launch_type             = "FARGATE"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  network_configuration {
    subnets          = [aws_subnet.private_1.id, aws_subnet.private_2.id]
    security_groups  = [aws_security_group.ecs_service_notification_service.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
    service {
      port_name      = "http"
      discovery_name = "notification-service"
      client_alias {
        port     = 8086
        dns_name = "notification-service"
      }
    }
  }
}
