import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def canister = ItCanister.of(basedir).inspect()
def wasm = { name -> ItCanister.sha256Hex(new File(canistersDir, name)) }
def report = { new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text }
assert log.contains('upgrading with wasm_memory_persistence = keep')
assert canister.moduleHash() == wasm('motoko/counter-v2.wasm')
// Motoko's counter lives in main memory only (enhanced orthogonal persistence): keep carried it over.
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert report() =~ /"outcome"\s*:\s*"UPGRADED"/
return true
