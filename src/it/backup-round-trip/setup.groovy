import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
// State A, kept in snapshot rwlgt-iiaaa-aaaaa-aaaaa-cai-0: counter 3 and 4 MiB of patterned stable memory.
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
canister.fillStable(64)
long stateA = canister.stableChecksum()
new File(basedir, 'state-a-stable-checksum.txt').text = Long.toString(stateA)
assert canister.takeSnapshot() == 'rwlgt-iiaaa-aaaaa-aaaaa-cai-0'
// State B, which loading the backup must undo: counter 5, stable memory grown.
canister.increment(2)
canister.fillStable(72)
assert canister.stableChecksum() != stateA
return true
