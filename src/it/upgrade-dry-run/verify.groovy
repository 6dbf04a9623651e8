import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir).inspect()
assert new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text =~ /"outcome"\s*:\s*"DRY_RUN"/
assert canister.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 0
return true
