import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
canister.fillStable(64)
def snapshot = canister.takeSnapshot()
// Five parts: the module, the wasm memory and three slices of stable memory (65 pages of 64 KiB, slices of
// 2,000,000 bytes). The connection drops after the first three; the build must read only the last two.
canister.interruptedDownload(snapshot, new File(basedir, 'backup'), 3)
assert new File(basedir, 'backup/.ic-backup-progress').exists()
return true
