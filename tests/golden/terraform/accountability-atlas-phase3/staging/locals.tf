# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

locals {
  # Availability zones named, so the set never changes under you.
  azs = ["us-east-1a", "us-east-1b"]
}
