# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_iam_service_linked_role" "search" {
  count            = var.create_search_service_role ? 1 : 0
  aws_service_name = "opensearchservice.amazonaws.com"
}
