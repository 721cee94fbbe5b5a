# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

output "name_servers" {
  description = "set these at the domain's registrar before applying an environment"
  value       = aws_route53_zone.main.name_servers
}

output "state_bucket" {
  description = "the remote-state bucket"
  value       = aws_s3_bucket.state.id
}
