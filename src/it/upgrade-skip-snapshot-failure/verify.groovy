import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def canister = ItCanister.of(basedir).inspect()
def wasm = { name -> ItCanister.sha256Hex(new File(canistersDir, name)) }
def report = { new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text }
assert log.contains('nothing could be restored')
assert canister.moduleHash() == wasm('counter-v1.wasm')
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 0
assert report() =~ /"outcome"\s*:\s*"FAILED_NOT_RESTORED"/
return true
