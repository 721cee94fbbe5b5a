# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

variable "region" {
  description = "AWS region of this environment"
  type        = string
  default     = "us-east-1"
}

variable "image_tag" {
  description = "the image tag every service runs (set by the deploy workflow)"
  type        = string
  default     = "latest"
}
