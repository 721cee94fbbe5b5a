# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project     = "accountabilityatlas"
      environment = "bootstrap"
      managed-by  = "stackwright"
    }
  }
}
