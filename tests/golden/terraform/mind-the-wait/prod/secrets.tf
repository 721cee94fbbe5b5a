# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_ssm_parameter" "database_url" {
  # The value is a placeholder: set it with `aws ssm put-parameter --overwrite --name /prod/mind-the-wait/database_url`.
  name   = "/prod/mind-the-wait/database_url"
  type   = "SecureString"
  key_id = "alias/aws/ssm"
  value  = "set-outside-terraform"
  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "redis_url" {
  # The value is a placeholder: set it with `aws ssm put-parameter --overwrite --name /prod/mind-the-wait/redis_url`.
  name   = "/prod/mind-the-wait/redis_url"
  type   = "SecureString"
  key_id = "alias/aws/ssm"
  value  = "set-outside-terraform"
  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "openai_api_key" {
  # The value is a placeholder: set it with `aws ssm put-parameter --overwrite --name /prod/mind-the-wait/openai_api_key`.
  name   = "/prod/mind-the-wait/openai_api_key"
  type   = "SecureString"
  key_id = "alias/aws/ssm"
  value  = "set-outside-terraform"
  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "gtfs_static_url" {
  # The value is a placeholder: set it with `aws ssm put-parameter --overwrite --name /prod/mind-the-wait/gtfs_static_url`.
  name   = "/prod/mind-the-wait/gtfs_static_url"
  type   = "SecureString"
  key_id = "alias/aws/ssm"
  value  = "set-outside-terraform"
  lifecycle {
    ignore_changes = [value]
  }
}
