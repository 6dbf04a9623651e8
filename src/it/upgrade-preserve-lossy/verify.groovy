import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
def seen = canister.inspect()
def id = ItCanister.CANISTER_ID
assert log.contains('preserved values changed: get was (3 : nat64) before the upgrade and is (0 : nat64) after it')
assert log.contains("The canister ${id} was restored from snapshot ${id}-0")
// The lost counter is back: v1, counter 3, running, the upgrade's snapshot kept.
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert seen.counter() == 3
assert seen.status() == 'RUNNING'
assert seen.snapshots() == 1
def report = canister.report()
assert report.outcome() == 'RESTORED'
assert report.steps().contains('install=OK') && report.steps().last() == 'restore=OK'
return true
