import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
canister.prepare(new File(canistersDir, 'motoko/counter.wasm'), 0, 0)
return true
