# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

terraform {
  backend "s3" {
    bucket       = "accountabilityatlas-tfstate-34de0f6e"
    key          = "prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project     = "accountabilityatlas"
      environment = "prod"
      managed-by  = "stackwright"
    }
  }
}
