import io.github.icmaven.it.ItCanister

ItCanister.of(basedir).prepareGroup(new File(canistersDir, 'counter-v1.wasm'), [1, 2, 3])
return true
