import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
def seen = canister.inspect()
assert seen.counter() == 3 : 'the loaded backup holds counter 3, not the 5 of the canister before'
assert canister.stableChecksum() == new File(basedir, 'state-a-stable-checksum.txt').text as long
assert seen.moduleHash() == v1
assert seen.status() == 'RUNNING' : 'upload-snapshot with load starts the canister again'
assert seen.snapshots() == 1 : 'snapshot -0 was deleted, the uploaded one added'

def backup = ItCanister.verifiedBackup(new File(basedir, 'target/backup'))
assert backup.moduleHash() == v1 && backup.counter() == 3
assert backup.stableMemoryBytes() == 65 * 65536 : 'page 0 and the 64 filled pages'
assert log.contains('Snapshot rwlgt-iiaaa-aaaaa-aaaaa-cai-0 of rwlgt-iiaaa-aaaaa-aaaaa-cai is backed up in ')
assert log =~ /upload\s+ok\s+\d+ ms\s+uploaded .* as rwlgt-iiaaa-aaaaa-aaaaa-cai-1: sent 5 of 5 parts/
assert log.contains('Restored rwlgt-iiaaa-aaaaa-aaaaa-cai from snapshot rwlgt-iiaaa-aaaaa-aaaaa-cai-1')
return true
