# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

terraform {
  backend "s3" {
    bucket       = "mind-the-wait-tfstate-58b69b06"
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
      project     = "mind-the-wait"
      environment = "prod"
      managed-by  = "stackwright"
    }
  }
}
