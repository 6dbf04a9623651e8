import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def canister = ItCanister.mainnet(basedir).inspect()
def wasm = { name -> ItCanister.sha256Hex(new File(canistersDir, name)) }
def report = { new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text }
assert log =~ /Topology mainnet: canisters on application subnet [a-z0-9-]+, certificates delegated by the root subnet/
assert log.contains("Upgraded ${ItCanister.CANISTER_ID} from ${wasm('counter-v1.wasm')} to ${wasm('counter-v2.wasm')}")
assert canister.moduleHash() == wasm('counter-v2.wasm')
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 1
assert report() =~ /"outcome"\s*:\s*"UPGRADED"/
return true
