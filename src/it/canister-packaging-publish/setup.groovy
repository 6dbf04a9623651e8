import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
// The module a wasm build would leave in target/: ic:package finds it there (no <wasm> in the pom).
canister.writeBuiltModule(new File(canistersDir, 'counter-v2.wasm'), 'counter.wasm')
// Installed by an earlier run of this IT: the build must put it there again.
new File(localRepositoryPath, 'io/github/icmaven/it/canister-packaging-publish').deleteDir()
return true
