import io.github.icmaven.it.ItCanister

def canister = ItCanister.mainnet(basedir)
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
return true
