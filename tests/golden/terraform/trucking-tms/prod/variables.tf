# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

variable "region" {
  description = "AWS region of this environment"
  type        = string
  default     = "us-east-1"
}

variable "image_tag" {
  description = "the image tag every service runs, e.g. the commit the deploy workflow built (tags are immutable, so there is no default)"
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "An image tag is letters, digits, '_', '.' and '-', at most 128 long."
  }
}
