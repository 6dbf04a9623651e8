import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def canister = ItCanister.of(basedir).inspect()
def wasm = { name -> ItCanister.sha256Hex(new File(canistersDir, name)) }
def report = { new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text }
assert canister.moduleHash() == wasm('counter-v2.wasm')
assert canister.counter() == 3
assert canister.snapshots() == 2
return true
