import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def canister = ItCanister.of(basedir).inspect()
assert canister.counter() == 3 : 'ic:restore loaded the snapshot taken at counter 3'
assert canister.status() == 'RUNNING' : 'restore and snapshot start the canister again'
assert canister.snapshots() == 1 : 'ic:snapshot added one, ic:delete-snapshot removed the first'
assert log.contains('rwlgt-iiaaa-aaaaa-aaaaa-cai-1')
assert log.contains('has 1 of 10 snapshots')
assert log.contains("${ItCanister.CANISTER_ID} on http://127.0.0.1:") && log =~ /: running/
assert canister.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
return true
