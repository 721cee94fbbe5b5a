# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

terraform {
  backend "s3" {
    bucket       = "platform-tfstate-d294fcce"
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
      project     = "platform"
      environment = "prod"
      managed-by  = "stackwright"
    }
  }
}
