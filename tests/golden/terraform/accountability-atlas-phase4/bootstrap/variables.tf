# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

variable "region" {
  description = "AWS region of the state bucket"
  type        = string
  default     = "us-east-1"
}

variable "create_search_service_role" {
  description = "create OpenSearch's service-linked role, which a VPC domain needs once per account; false if the account has AWSServiceRoleForAmazonOpenSearchService already"
  type        = bool
  default     = true
}
