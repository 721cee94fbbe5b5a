# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_secretsmanager_secret" "jwt_private_key" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotation needs a rotation function written for this secret's consumer
  # The value is set outside Terraform: `aws secretsmanager put-secret-value --secret-id accountabilityatlas-prod/jwt_private_key`.
  name                    = "accountabilityatlas-prod/jwt_private_key"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret" "mapbox_token" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotation needs a rotation function written for this secret's consumer
  # The value is set outside Terraform: `aws secretsmanager put-secret-value --secret-id accountabilityatlas-prod/mapbox_token`.
  name                    = "accountabilityatlas-prod/mapbox_token"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret" "youtube_api_key" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotation needs a rotation function written for this secret's consumer
  # The value is set outside Terraform: `aws secretsmanager put-secret-value --secret-id accountabilityatlas-prod/youtube_api_key`.
  name                    = "accountabilityatlas-prod/youtube_api_key"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret" "admin_email" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotation needs a rotation function written for this secret's consumer
  # The value is set outside Terraform: `aws secretsmanager put-secret-value --secret-id accountabilityatlas-prod/admin_email`.
  name                    = "accountabilityatlas-prod/admin_email"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret" "admin_password_hash" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotation needs a rotation function written for this secret's consumer
  # The value is set outside Terraform: `aws secretsmanager put-secret-value --secret-id accountabilityatlas-prod/admin_password_hash`.
  name                    = "accountabilityatlas-prod/admin_password_hash"
  recovery_window_in_days = 7
}
