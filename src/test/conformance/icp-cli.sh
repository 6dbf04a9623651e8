#!/usr/bin/env bash
# Conformance suite: drive a replica with the real icp-cli 1.5.0.
#
#   bash src/test/conformance/icp-cli.sh http://127.0.0.1:PORT [WASM_DIR]
#
# Arguments / environment (all optional but the URL):
#   $1 or ICP_REPLICA_URL   replica base URL (speaks /api/v2,v3,v4)
#   $2 or ICP_WASM_DIR      directory with counter-v1.wasm, counter-v2.wasm (default src/test/canisters)
#   ICP_CLI_DIR             npm prefix caching icp-cli (default target/tools/icp-cli)
#   ICP_BIN                 use this icp binary instead of installing one
#   ICP_ROOT_KEY            value for -k (default: fetch)
#   ICP_SUBNET              subnet id for `canister create --subnet` (default: computed from the
#                           root key, the root subnet); `none` = omit --subnet (icp then asks the
#                           CMC for default subnets)
#   ICP_CANISTER_IDS        space-separated ids of existing empty canisters to use instead of
#                           `icp canister create` (first: counter, second: Motoko); give
#                           ICP_IDENTITY_PEM too, a PEM of one of their controllers
#   ICP_IDENTITY_PEM        import this PEM instead of creating a fresh secp256k1 identity
#   ICP_CHUNKED=0           skip the > 2 MiB (chunked) install
#   ICP_CMD_TIMEOUT         seconds per icp command (default 180)
#
# Canister contract (counter-v1/v2.wasm): inc : () -> (nat64) returns the new value; get : () ->
# (nat64) query; set : (nat64) -> (); version : () -> (text) query ("v1"/"v2"); health : () ->
# (text) query; fill_stable : (nat32) -> (); stable_checksum : () -> (nat64) query; a fresh
# install starts at 0; an `icp:public candid:service` section.
#
# Prints one line per check and ends with "N passed, M failed"; exits non-zero on any failure.
# Never touches the caller's icp config: icp runs with HOME and ICP_HOME in a temp dir.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
URL=${1:-${ICP_REPLICA_URL:-}}
WASM_DIR=${2:-${ICP_WASM_DIR:-$ROOT/src/test/canisters}}
ICP_CLI_VERSION=1.5.0
ICP_CLI_DIR=${ICP_CLI_DIR:-$ROOT/target/tools/icp-cli}
CMD_TIMEOUT=${ICP_CMD_TIMEOUT:-180}
HELPERS="$SCRIPT_DIR/icp-cli-helpers.js"

if [[ -z "$URL" ]]; then
  echo "usage: $0 REPLICA_URL [WASM_DIR]" >&2
  exit 2
fi
URL=${URL%/}
WASM_DIR=$(cd "$WASM_DIR" && pwd)

PASS=0
FAIL=0
SKIP=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/icp-conformance.XXXXXX")
finish() {
  local rc=$?
  if ((rc != 0 && FAIL == 0)); then
    FAIL=$((FAIL + 1))
    echo "FAIL aborted (exit $rc) after: ${LAST_CMD:-<no icp command yet>}"
    [[ -s "$WORK/stderr" ]] && sed 's/^/  | /' "$WORK/stderr" | tail -n 15
  fi
  if [[ -z "${ICP_KEEP_WORK:-}" ]]; then rm -rf "$WORK"; else echo "work dir kept: $WORK"; fi
  ((SKIP > 0)) && echo "($SKIP skipped)"
  echo "$PASS passed, $FAIL failed"
  if ((FAIL > 0)); then exit 1; fi
  exit 0
}
trap finish EXIT

pass() { PASS=$((PASS + 1)); echo "PASS $*"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
skip() { SKIP=$((SKIP + 1)); echo "SKIP $*"; }
abort() {
  fail "$*"
  echo "cannot continue"
  exit 1
}

# ---------------------------------------------------------------- icp-cli install
if [[ -z "${ICP_BIN:-}" ]]; then
  ICP_BIN=$(bash "$SCRIPT_DIR/install-icp-cli.sh" "$ICP_CLI_DIR" "$ICP_CLI_VERSION") || abort "cannot install icp-cli $ICP_CLI_VERSION"
fi
[[ "$("$ICP_BIN" --version)" == "icp $ICP_CLI_VERSION" ]] && pass "icp-cli version is $ICP_CLI_VERSION" \
  || abort "icp-cli version: $("$ICP_BIN" --version)"

# ---------------------------------------------------------------- helpers
mkdir -p "$WORK/home" "$WORK/icp-home" "$WORK/cwd"
NET=(-n "$URL" -k "${ICP_ROOT_KEY:-fetch}")

# icp ARGS...: run icp isolated from the caller's config, no stdin, no telemetry/update check.
icp() {
  (cd "$WORK/cwd" && env -u ICP_NETWORK -u ICP_ENVIRONMENT -u ICP_PROJECT_ROOT \
    HOME="$WORK/home" ICP_HOME="$WORK/icp-home" DO_NOT_TRACK=1 ICP_TELEMETRY_DISABLED=1 \
    RUST_BACKTRACE=0 NO_COLOR=1 timeout "$CMD_TIMEOUT" "$ICP_BIN" "$@" </dev/null)
}

# run ARGS...: icp with stdout in $OUT, stderr in $WORK/stderr; returns icp's exit code.
run() {
  LAST_CMD="icp $*"
  local rc=0
  OUT=$(icp "$@" 2>"$WORK/stderr") || rc=$?
  return $rc
}

errtail() { grep -v 'fetching the root key' "$WORK/stderr" | tail -n 4 | tr '\n' ' ' | cut -c1-400; }

# step NAME ARGS...: the icp command must succeed.
step() {
  local name=$1 rc=0
  shift
  run "$@" || rc=$?
  if ((rc == 0)); then
    pass "$name"
  else
    fail "$name: exit $rc: $(errtail)"
  fi
  return $rc
}

# step_fails NAME ARGS...: the icp command must fail.
step_fails() {
  local name=$1 rc=0
  shift
  run "$@" || rc=$?
  if ((rc != 0)); then
    pass "$name (rejected: $(errtail | cut -c1-160))"
  else
    fail "$name: expected failure, got success: $OUT"
  fi
}

expect_eq() {
  if [[ "$2" == "$3" ]]; then pass "$1 = $3"; else fail "$1: expected '$3', got '$2'"; fi
}

# "(42 : nat64)" -> 42 ; ("v2") -> v2 ; anything else is returned unchanged
candid_nat() {
  local s
  s=$(printf '%s' "$1" | tr -d '\n' | sed -E 's/^[[:space:]]*\([[:space:]]*([0-9_]+)[[:space:]]*(:[[:space:]]*nat64)?[[:space:]]*,?[[:space:]]*\)[[:space:]]*$/\1/')
  if [[ "$s" =~ ^[0-9_]+$ ]]; then printf '%s' "${s//_/}"; else printf '%s' "$1"; fi
}
candid_text() {
  printf '%s' "$1" | tr -d '\n' | sed -E 's/^[[:space:]]*\([[:space:]]*"(.*)"[[:space:]]*,?[[:space:]]*\)[[:space:]]*$/\1/'
}
json() { node "$HELPERS" json "$1"; }
sha256() { sha256sum "$1" | cut -d' ' -f1; }

# call_nat NAME EXPECTED CANISTER METHOD [ARGS [--query]]
call_nat() {
  local name=$1 want=$2 cid=$3 method=$4 arg=${5:-()} rc=0
  shift 5 2>/dev/null || shift $#
  run canister call "$cid" "$method" "$arg" "$@" "${NET[@]}" || rc=$?
  if ((rc != 0)); then fail "$name: exit $rc: $(errtail)"; return 0; fi
  expect_eq "$name" "$(candid_nat "$OUT")" "$want"
}
call_text() {
  local name=$1 want=$2 cid=$3 method=$4 rc=0
  run canister call "$cid" "$method" '()' --query "${NET[@]}" || rc=$?
  if ((rc != 0)); then fail "$name: exit $rc: $(errtail)"; return 0; fi
  expect_eq "$name" "$(candid_text "$OUT")" "$want"
}
status_field() { # status_field CANISTER JS-EXPR
  if run canister status "$1" --json "${NET[@]}"; then printf '%s' "$OUT" | json "$2" || echo "<unparsed: $OUT>"; else echo "<status failed: $(errtail)>"; fi
}
snapshot_ids() { # newline-separated hex ids
  if run canister snapshot list "$1" --json "${NET[@]}"; then printf '%s' "$OUT" | json 'j.snapshots.map(s => s.snapshot_id).join("\n")' || echo "<unparsed: $OUT>"; else echo "<list failed: $(errtail)>"; fi
}
contains_line() { grep -qxF -- "$2" <<<"$1"; }

# ---------------------------------------------------------------- inputs
V1="$WASM_DIR/counter-v1.wasm"
V2="$WASM_DIR/counter-v2.wasm"
for f in "$V1" "$V2"; do [[ -s "$f" ]] || abort "missing test canister $f"; done
echo "replica $URL, wasm dir $WASM_DIR, icp $ICP_BIN"

# ---------------------------------------------------------------- identity
step "settings: telemetry off" settings telemetry false || true
step "settings: update check off" settings update-check disabled || true
if [[ -n "${ICP_IDENTITY_PEM:-}" ]]; then
  step "identity import (plaintext PEM)" identity import conformance --storage plaintext --from-pem "$ICP_IDENTITY_PEM" \
    || abort "no identity"
else
  step "identity new (plaintext)" identity new conformance --storage plaintext --output-seed "$WORK/seed.txt" \
    || abort "no identity"
fi
step "identity default" identity default conformance || abort "no identity"
step "identity principal" identity principal || abort "no identity"
ME=$(printf '%s' "$OUT" | tr -d '[:space:]')
[[ "$ME" != "2vxsx-fae" && "$ME" =~ ^[a-z0-9-]+$ ]] && pass "principal $ME is not anonymous" || abort "bad principal '$ME'"

# ---------------------------------------------------------------- create
read -r -a GIVEN_IDS <<<"${ICP_CANISTER_IDS:-}"
SUBNET_ARGS=()
if ((${#GIVEN_IDS[@]} == 0)); then
  SUBNET=${ICP_SUBNET:-}
  if [[ -z "$SUBNET" ]]; then
    SUBNET=$(node "$HELPERS" subnet-id "$URL") || abort "cannot read root key from $URL/api/v2/status"
  fi
  [[ "$SUBNET" != none ]] && SUBNET_ARGS=(--subnet "$SUBNET")
fi

# new_canister VAR: create (or take the next given id) into VAR
new_canister() {
  local var=$1 id
  if ((${#GIVEN_IDS[@]} > 0)); then
    id=${GIVEN_IDS[0]}
    GIVEN_IDS=("${GIVEN_IDS[@]:1}")
    pass "using given canister $id"
  else
    step "canister create --detached ${SUBNET_ARGS[*]}" canister create --detached -q "${SUBNET_ARGS[@]}" "${NET[@]}" || return 1
    id=$(printf '%s' "$OUT" | tr -d '[:space:]')
    [[ "$id" =~ ^[a-z0-9]{5}(-[a-z0-9]{1,5})+$ ]] && pass "created canister id $id" || { fail "create printed '$OUT'"; return 1; }
  fi
  printf -v "$var" '%s' "$id"
}

new_canister CID || abort "no canister"

expect_eq "status of new canister" "$(status_field "$CID" j.status)" "Running"
expect_eq "new canister has no module" "$(status_field "$CID" 'j.module_hash === null ? "none" : j.module_hash')" "none"
expect_eq "caller is a controller" "$(status_field "$CID" "j.settings.controllers.includes('$ME')")" "true"

# ---------------------------------------------------------------- install + calls
step "install --mode install counter-v1.wasm" canister install "$CID" --mode install --wasm "$V1" "${NET[@]}" || abort "install failed"
expect_eq "module_hash after install" "$(status_field "$CID" j.module_hash)" "0x$(sha256 "$V1")"
expect_eq "status after install" "$(status_field "$CID" j.status)" "Running"

call_nat "get (query) after install" 0 "$CID" get '()' --query
call_nat "inc (update)" 1 "$CID" inc
call_nat "inc (update) again" 2 "$CID" inc
call_nat "get as update call" 2 "$CID" get '()'
step "set (41 : nat64)" canister call "$CID" set '(41 : nat64)' "${NET[@]}" || true
call_nat "inc after set" 42 "$CID" inc
call_nat "get (query) after set+inc" 42 "$CID" get '()' --query
call_text "version (query)" v1 "$CID" version
if run canister call "$CID" health '()' --query "${NET[@]}" && [[ "$OUT" =~ ^\(\".*\"\) ]]; then
  pass "health (query) -> $OUT"
else fail "health: $OUT $(errtail)"; fi

if run canister metadata "$CID" candid:service "${NET[@]}" && grep -q 'inc' <<<"$OUT"; then
  pass "metadata candid:service (read_state canister/<id>/metadata) lists inc"
else fail "metadata candid:service: $OUT $(errtail)"; fi
step_fails "metadata of a missing section fails" canister metadata "$CID" no-such-section "${NET[@]}"

if run canister call "$CID" get '()' --query --output hex "${NET[@]}" && [[ "$OUT" == 4449444c* ]]; then
  pass "raw reply is Candid (DIDL...): $OUT"
else fail "get --output hex: $OUT $(errtail)"; fi
if run canister call "$CID" version '()' --json "${NET[@]}" \
  && [[ "$(printf '%s' "$OUT" | json 'j.response_candid')" == *'"v1"'* ]]; then
  pass "call --json response_candid contains \"v1\""
else fail "call --json: $OUT $(errtail)"; fi
step_fails "call of a missing method is rejected" canister call "$CID" no_such_method '()' "${NET[@]}"

# ---------------------------------------------------------------- stop/start + snapshots
step_fails "snapshot create refuses a running canister" canister snapshot create "$CID" -q "${NET[@]}"
step "stop" canister stop "$CID" "${NET[@]}" || true
expect_eq "status after stop" "$(status_field "$CID" j.status)" "Stopped"
step_fails "update call to a stopped canister is rejected" canister call "$CID" inc '()' "${NET[@]}"

step "snapshot create" canister snapshot create "$CID" -q "${NET[@]}" || abort "no snapshot"
SNAP1=$(printf '%s' "$OUT" | tr -d '[:space:]')
[[ "$SNAP1" =~ ^[0-9a-f]+$ ]] && pass "snapshot id is hex: $SNAP1" || fail "snapshot id '$SNAP1'"
IDS=$(snapshot_ids "$CID" || true)
contains_line "$IDS" "$SNAP1" && pass "snapshot list contains $SNAP1" || fail "snapshot list: $IDS"

step "start" canister start "$CID" "${NET[@]}" || true
expect_eq "status after start" "$(status_field "$CID" j.status)" "Running"
call_nat "inc after snapshot" 43 "$CID" inc
step_fails "snapshot restore refuses a running canister" canister snapshot restore "$CID" "$SNAP1" "${NET[@]}"
step "stop before restore" canister stop "$CID" "${NET[@]}" || true
step "snapshot restore" canister snapshot restore "$CID" "$SNAP1" "${NET[@]}" || true
step "start after restore" canister start "$CID" "${NET[@]}" || true
call_nat "get after restore is the snapshot's value" 42 "$CID" get '()' --query

DL="$WORK/snapshot-download"
step "snapshot download" canister snapshot download "$CID" "$SNAP1" -o "$DL" "${NET[@]}" || true
if [[ -s "$DL/metadata.json" && -s "$DL/wasm_module.bin" ]]; then
  pass "download wrote metadata.json and wasm_module.bin ($(ls "$DL" | tr '\n' ' '))"
else fail "download dir: $(ls -la "$DL" 2>&1 | tr '\n' ' ')"; fi
expect_eq "downloaded wasm_module.bin is counter-v1.wasm" "$(sha256 "$DL/wasm_module.bin" 2>/dev/null || true)" "$(sha256 "$V1")"
if [[ -s "$DL/metadata.json" ]]; then
  for blob in wasm_module wasm_memory stable_memory; do
    want=$(json "j.${blob}_size" <"$DL/metadata.json")
    have=0
    [[ -f "$DL/$blob.bin" ]] && have=$(stat -c %s "$DL/$blob.bin")
    expect_eq "$blob.bin size matches metadata" "$have" "$want"
  done
fi

call_nat "inc before upload" 43 "$CID" inc
step "stop before upload" canister stop "$CID" "${NET[@]}" || true
step "snapshot upload" canister snapshot upload "$CID" -i "$DL" -q "${NET[@]}" || true
SNAP2=$(printf '%s' "$OUT" | tr -d '[:space:]')
[[ "$SNAP2" =~ ^[0-9a-f]+$ && "$SNAP2" != "$SNAP1" ]] && pass "upload created a new snapshot $SNAP2" || fail "upload id '$SNAP2'"
IDS=$(snapshot_ids "$CID" || true)
contains_line "$IDS" "$SNAP1" && contains_line "$IDS" "$SNAP2" && pass "snapshot list has both snapshots" || fail "snapshot list: $IDS"
step "snapshot restore uploaded snapshot" canister snapshot restore "$CID" "$SNAP2" "${NET[@]}" || true
step "start after restoring upload" canister start "$CID" "${NET[@]}" || true
call_nat "get after restoring the uploaded snapshot" 42 "$CID" get '()' --query

step "stop before snapshot delete and --replace" canister stop "$CID" "${NET[@]}" || true
step "snapshot delete" canister snapshot delete "$CID" "$SNAP1" "${NET[@]}" || true
IDS=$(snapshot_ids "$CID" || true)
! contains_line "$IDS" "$SNAP1" && contains_line "$IDS" "$SNAP2" && pass "deleted snapshot is gone, the other stays" || fail "snapshot list: $IDS"
step "snapshot create --replace" canister snapshot create "$CID" --replace "$SNAP2" -q "${NET[@]}" || true
SNAP3=$(printf '%s' "$OUT" | tr -d '[:space:]')
IDS=$(snapshot_ids "$CID" || true)
contains_line "$IDS" "$SNAP3" && ! contains_line "$IDS" "$SNAP2" && pass "--replace swapped $SNAP2 for $SNAP3" || fail "snapshot list: $IDS"
step "start" canister start "$CID" "${NET[@]}" || true

# ---------------------------------------------------------------- upgrade
step "fill_stable (3)" canister call "$CID" fill_stable '(3 : nat32)' "${NET[@]}" || true
run canister call "$CID" stable_checksum '()' --query "${NET[@]}" || true
SUM1=$(candid_nat "$OUT")
[[ "$SUM1" =~ ^[0-9]+$ ]] && pass "stable_checksum = $SUM1" || fail "stable_checksum: $OUT $(errtail)"

step "install --mode upgrade counter-v1 -> counter-v2 (running canister)" canister install "$CID" --mode upgrade --wasm "$V2" "${NET[@]}" || true
expect_eq "module_hash after upgrade" "$(status_field "$CID" j.module_hash)" "0x$(sha256 "$V2")"
expect_eq "status after upgrade (icp restarts it)" "$(status_field "$CID" j.status)" "Running"
call_text "version after upgrade" v2 "$CID" version
call_nat "counter kept across upgrade" 42 "$CID" get '()' --query
call_nat "stable memory kept across upgrade" "$SUM1" "$CID" stable_checksum '()' --query

if [[ "${ICP_CHUNKED:-1}" != 0 ]]; then
  BIG="$WORK/counter-v2-padded.wasm"
  node "$HELPERS" pad-wasm "$V2" "$BIG" 2600000
  step "install --mode upgrade with a $(stat -c %s "$BIG")-byte module (chunked)" canister install "$CID" --mode upgrade --wasm "$BIG" "${NET[@]}" || true
  expect_eq "module_hash after chunked install" "$(status_field "$CID" j.module_hash)" "0x$(sha256 "$BIG")"
  call_nat "counter kept across chunked upgrade" 42 "$CID" get '()' --query
else
  skip "chunked install (ICP_CHUNKED=0)"
fi

step "install --mode reinstall counter-v1.wasm" canister install "$CID" --mode reinstall --wasm "$V1" "${NET[@]}" || true
call_text "version after reinstall" v1 "$CID" version
call_nat "counter reset by reinstall" 0 "$CID" get '()' --query

# ---------------------------------------------------------------- Motoko (wasm64, EOP)
# The embedded replica runs wasm64 modules (lowered to wasm32). With enhanced orthogonal
# persistence the counter lives in main memory only: the upgrade (icp adds keep) must carry it.
MO1="$WASM_DIR/motoko/counter.wasm"
MO2="$WASM_DIR/motoko/counter-v2.wasm"
if new_canister MID; then
  step "install Motoko counter.wasm (wasm64, EOP)" canister install "$MID" --mode install --wasm "$MO1" "${NET[@]}" || true
  expect_eq "Motoko module_hash after install" "$(status_field "$MID" j.module_hash)" "0x$(sha256 "$MO1")"
  call_nat "Motoko inc returns 1" 1 "$MID" inc
  call_nat "Motoko inc returns 2" 2 "$MID" inc
  call_text "Motoko version" mo-v1 "$MID" version
  if run canister metadata "$MID" enhanced-orthogonal-persistence "${NET[@]}"; then
    pass "EOP section readable by a controller"
  else fail "metadata enhanced-orthogonal-persistence: $(errtail)"; fi
  step "upgrade Motoko to counter-v2.wasm (icp adds wasm_memory_persistence = keep)" \
    canister install "$MID" --mode upgrade --wasm "$MO2" "${NET[@]}" || true
  expect_eq "Motoko module_hash after upgrade" "$(status_field "$MID" j.module_hash)" "0x$(sha256 "$MO2")"
  call_text "Motoko version after upgrade" mo-v2 "$MID" version
  call_nat "Motoko counter kept in main memory across the upgrade" 2 "$MID" get '()' --query
fi

# ---------------------------------------------------------------- delete
step "canister delete --no-recover-cycles" canister delete "$CID" --no-recover-cycles "${NET[@]}" || true
step_fails "status of a deleted canister fails" canister status "$CID" "${NET[@]}"
