# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

output "state_bucket" {
  description = "the remote-state bucket"
  value       = aws_s3_bucket.state.id
}
