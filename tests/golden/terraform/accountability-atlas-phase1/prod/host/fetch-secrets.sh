#!/bin/bash
# Written by stackwright: writes the env files the Compose project reads. stack.env says where
# the database, cache, buckets and queues are (from settings.json); <service>.env holds the
# secrets that service uses (the database password only if it uses the database), fetched from
# Parameter Store or Secrets Manager as secrets.tsv lists them. Values go from the store into the files through jq, never through the shell.
set -euo pipefail
app=/opt/app
settings="$app/settings.json"
region=$(jq -r '.region' "$settings")
umask 077

# NAME=value for Compose, the value read from stdin: a JSON string (escapes Compose reads),
# with each $ doubled so Compose does not substitute into it.
envline() {
  printf '%s=%s\n' "$1" "$(jq -Rrs 'rtrimstr("\n") | @json' | sed 's/\$/$$/g')"
}

jq -r '.environment // {} | to_entries[] | "\(.key)=\(.value | @json | gsub("[$]"; "$$"))"' \
  "$settings" > "$app/stack.env"
# A secret's current value, on stdout; a warning and a failure if it has none yet (a secret is
# created empty and its value set by hand), so the caller can leave it out and go on: one
# unset secret does not keep the whole app down.
read_secret() {  # store, name
  local status=0
  case "$1" in
    parameter-store)
      aws ssm get-parameter --region "$region" --with-decryption --name "$2" \
        --query Parameter.Value --output text < /dev/null || status=$? ;;
    secrets-manager)
      aws secretsmanager get-secret-value --region "$region" --secret-id "$2" \
        --query SecretString --output text < /dev/null || status=$? ;;
    *)
      echo "secrets.tsv: unknown store '$1' for $2" >&2
      exit 1 ;;
  esac
  if [ "$status" -ne 0 ]; then
    echo "warning: $2 has no value yet; set it, then: systemctl restart stackwright-app" >&2
    return 1
  fi
}

# The database password's secret is Terraform's (its ARN is in settings.json): secrets.tsv
# names it with the store `database`, for the services that use the database only.
database_secret=$(jq -r '.database_secret_arn // ""' "$settings")

# Each line: service, variable, store, name. Names were checked when the stack loaded;
# checked again here, as a line that is not a name is never used as a path or a variable.
check() {
  if [[ ! $1 =~ ^[a-z][a-z0-9-]*$ || ! $2 =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "secrets.tsv: not a service and a variable name: $1 $2" >&2
    exit 1
  fi
}
# The list is read on descriptor 3, so no command in the loop can swallow its lines.
while IFS=$'\t' read -r service variable store name <&3; do
  check "$service" "$variable"
  : > "$app/$service.env"
done 3< "$app/secrets.tsv"
while IFS=$'\t' read -r service variable store name <&3; do
  if [ "$store" = database ]; then
    store=secrets-manager
    name=$database_secret
  fi
  if read_secret "$store" "$name" > "$app/.value"; then
    envline "$variable" < "$app/.value" >> "$app/$service.env"
  fi
done 3< "$app/secrets.tsv"
rm -f "$app/.value"
