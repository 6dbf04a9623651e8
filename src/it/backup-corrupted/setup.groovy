import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
canister.fillStable(64)
def backup = new File(basedir, 'backup')
canister.downloadSnapshot(canister.takeSnapshot(), backup)
// One flipped bit in the second slice of stable memory: the size stays right, only the checksum can tell.
def stable = new RandomAccessFile(new File(backup, 'stable_memory.bin'), 'rw')
try {
    stable.seek(3_000_000)
    int b = stable.read()
    stable.seek(3_000_000)
    stable.write(b ^ 0x01)
} finally {
    stable.close()
}
return true
