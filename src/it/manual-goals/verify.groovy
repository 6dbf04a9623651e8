import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def log = it.buildLog()
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
def seen = it.inspect()
assert seen.counter() == 3 : 'ic:restore loaded the snapshot taken at counter 3'
assert seen.status() == 'RUNNING' : 'restore and snapshot start the canister again'
assert seen.snapshots() == 1 : 'ic:snapshot added one, ic:delete-snapshot removed the first'
assert seen.moduleHash() == v1
def id = ItCanister.CANISTER_ID
assert log.contains("Restored ${id} from snapshot ${id}-0: module ${v1}, running")
assert log.contains("Snapshot ${id}-1 of ${id} taken")
assert log.contains("Deleted snapshot ${id}-0 of ${id}")
// ic:snapshots and ic:status show what the build left.
assert log =~ /${id} has 1 of 10 snapshots:\s*\n\[INFO\]\s+${id}-1\s+taken /
assert log =~ /${id} on http:\/\/127\.0\.0\.1:\d+: running\s*\n\[INFO\]\s+module hash: ${v1}/
assert log.contains("snapshots: 1 of 10 (${id}-1)")
return true
