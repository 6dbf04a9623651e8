import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def canister = ItCanister.of(basedir).inspect()
def wasm = { name -> ItCanister.sha256Hex(new File(canistersDir, name)) }
def report = { new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text }
// The trap comes from Motoko's runtime, run by the embedded replica during install_code.
assert log.contains('Memory-incompatible program upgrade')
assert log.contains('restored from snapshot')
assert canister.moduleHash() == wasm('motoko/counter.wasm')
assert canister.counter() == 2
assert canister.status() == 'RUNNING'
assert report() =~ /"outcome"\s*:\s*"RESTORED"/
return true
