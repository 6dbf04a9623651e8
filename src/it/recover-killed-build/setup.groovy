import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
canister.simulateBuildKilledBeforeInstall(new File(canistersDir, 'counter-v2.wasm'))
return true
