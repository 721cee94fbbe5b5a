# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_secretsmanager_secret" "database_secret_json" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotation needs a rotation function written for this secret's consumer
  # The value is set outside Terraform: `aws secretsmanager put-secret-value --secret-id andi-tms-prod/database_secret_json`.
  name                    = "andi-tms-prod/database_secret_json"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret" "redis_secret_json" {
  # checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; a customer-managed key is billed per key each month, and the plan has none
  # checkov:skip=CKV2_AWS_57:rotation needs a rotation function written for this secret's consumer
  # The value is set outside Terraform: `aws secretsmanager put-secret-value --secret-id andi-tms-prod/redis_secret_json`.
  name                    = "andi-tms-prod/redis_secret_json"
  recovery_window_in_days = 7
}
