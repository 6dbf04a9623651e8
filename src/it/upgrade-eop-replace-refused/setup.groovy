import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
// A counter in main memory (enhanced orthogonal persistence): what a wipe would erase.
canister.prepare(new File(canistersDir, 'motoko/counter.wasm'), 2, 0)
return true
