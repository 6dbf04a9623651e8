import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
// Snapshot rwlgt-iiaaa-aaaaa-aaaaa-cai-0 holds counter 3; the canister goes on to 5.
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 1)
canister.increment(2)
return true
