import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'motoko/counter-v2.wasm'))
assert seen.status() == 'RUNNING' && seen.snapshots() == 1
// Motoko's counter lives in main memory only (enhanced orthogonal persistence): keep carried it over.
assert seen.counter() == 3
// Enhanced orthogonal persistence: the main memory must be kept, which the user did not have to ask for.
def log = it.buildLog()
assert log.contains("The installed module of ${ItCanister.CANISTER_ID} uses enhanced orthogonal persistence")
assert log =~ /install\s+ok\s+\d+ ms\s+\d+ bytes in one message, wasm_memory_persistence keep/
assert it.report().outcome() == 'UPGRADED'
return true
