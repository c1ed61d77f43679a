#!/usr/bin/env bash
# Makes the realm `pamoja` of a running Keycloak match realm/pamoja-realm.json, through the admin REST API:
# creates it if it does not exist; otherwise updates the realm's settings and overwrites the roles, groups,
# clients and users the file lists (Keycloak's partial import, OVERWRITE). What the file does not list is
# left alone (users, clients or keys added by hand or by a test).
#
#   infra/keycloak/provision.sh                       the realm as the file says
#   infra/keycloak/provision.sh --redirect URL ...    and the console may also redirect to URL (a pattern
#                                                     such as http://host:4610/*); its origin is allowed too
#
# Environment: KEYCLOAK_URL (http://127.0.0.1:$KEYCLOAK_PORT), KEYCLOAK_PORT (8180), KEYCLOAK_ADMIN and
# KEYCLOAK_ADMIN_PASSWORD (the master realm's administrator, as start.sh set them), KEYCLOAK_REALM_FILE.
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

redirects=()
while [ $# -gt 0 ]; do
  case "$1" in
    --redirect)
      [ $# -ge 2 ] || keycloak_die "--redirect needs a URL"
      [[ "$2" =~ ^https?://[^/]+(/.*)?$ ]] || keycloak_die "--redirect needs an http(s) URL, not $2"
      redirects+=("$2")
      shift 2
      ;;
    -h | --help)
      sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) keycloak_die "unknown argument: $1 (see --help)" ;;
  esac
done
command -v curl >/dev/null 2>&1 || keycloak_die "curl is needed"
command -v jq >/dev/null 2>&1 || keycloak_die "jq is needed"
[ -f "$KEYCLOAK_REALM_FILE" ] || keycloak_die "no realm file: $KEYCLOAK_REALM_FILE"
jq -e '.realm == "pamoja"' "$KEYCLOAK_REALM_FILE" >/dev/null || keycloak_die "$KEYCLOAK_REALM_FILE is not the realm pamoja"

admin_token="$(curl -fsS --max-time 15 "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
  -d grant_type=password -d client_id=admin-cli \
  --data-urlencode "username=$KEYCLOAK_ADMIN" --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" |
  jq -r '.access_token // empty')" ||
  keycloak_die "cannot sign in as $KEYCLOAK_ADMIN at $KEYCLOAK_URL (is it started? infra/keycloak/start.sh)"
[ -n "$admin_token" ] || keycloak_die "no admin token from $KEYCLOAK_URL"

# api METHOD PATH [curl args...]: the admin API, failing with Keycloak's answer on an HTTP error.
api() {
  local method="$1" path="$2" out status
  shift 2
  out="$(mktemp)"
  status="$(curl -sS --max-time 60 -o "$out" -w '%{http_code}' -X "$method" "$KEYCLOAK_URL/admin/realms$path" \
    -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' "$@")"
  if [ "${status:0:1}" != 2 ]; then
    cat "$out" >&2
    rm -f "$out"
    keycloak_die "$method $path answered HTTP $status"
  fi
  cat "$out"
  rm -f "$out"
}

realm_status="$(curl -sS --max-time 15 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin_token" \
  "$KEYCLOAK_URL/admin/realms/$KEYCLOAK_REALM")"
case "$realm_status" in
  404)
    api POST "" --data-binary "@$KEYCLOAK_REALM_FILE" >/dev/null
    keycloak_log "realm $KEYCLOAK_REALM created from $KEYCLOAK_REALM_FILE"
    ;;
  200)
    # The realm's own settings (token lifetimes, locales, ...), then what it holds.
    jq 'del(.roles, .groups, .clients, .users)' "$KEYCLOAK_REALM_FILE" |
      api PUT "/$KEYCLOAK_REALM" --data-binary @- >/dev/null
    summary="$(jq '{ifResourceExists: "OVERWRITE", roles, groups, clients, users}' "$KEYCLOAK_REALM_FILE" |
      api POST "/$KEYCLOAK_REALM/partialImport" --data-binary @- |
      jq -r '"\(.added) added, \(.overwritten) overwritten, \(.skipped) skipped"')"
    keycloak_log "realm $KEYCLOAK_REALM brought in line with $KEYCLOAK_REALM_FILE ($summary)"
    ;;
  *) keycloak_die "GET /admin/realms/$KEYCLOAK_REALM answered HTTP $realm_status" ;;
esac

if [ "${#redirects[@]}" -gt 0 ]; then
  client="$(api GET "/$KEYCLOAK_REALM/clients?clientId=pamoja-console" | jq '.[0] // empty')"
  [ -n "$client" ] || keycloak_die "no client pamoja-console in realm $KEYCLOAK_REALM"
  client_id="$(jq -r '.id' <<<"$client")"
  for redirect in "${redirects[@]}"; do
    origin="$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$redirect")"
    client="$(jq --arg r "$redirect" --arg o "$origin" \
      '.redirectUris = ((.redirectUris + [$r]) | unique) | .webOrigins = ((.webOrigins + [$o]) | unique)' <<<"$client")"
    keycloak_log "pamoja-console may redirect to $redirect (origin $origin)"
  done
  api PUT "/$KEYCLOAK_REALM/clients/$client_id" --data-binary @- <<<"$client" >/dev/null
fi
