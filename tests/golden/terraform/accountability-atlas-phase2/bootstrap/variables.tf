# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

variable "region" {
  description = "AWS region of the state bucket"
  type        = string
  default     = "us-east-1"
}
