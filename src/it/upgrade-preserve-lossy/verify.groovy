import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
def seen = canister.inspect()
def report = new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text
assert log.contains('preserved values changed: get was (3 : nat64) before the upgrade and is (0 : nat64) after it')
assert log.contains('restored from snapshot')
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert seen.counter() == 3
assert seen.status() == 'RUNNING'
assert report =~ /"outcome"\s*:\s*"RESTORED"/
return true
