import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
assert log =~ /download\s+ok\s+\d+ ms\s+downloaded rwlgt-iiaaa-aaaaa-aaaaa-cai-0 to .*: read 2 of 5 parts, 2\.2 MiB/ : 'only the missing slices are read'
assert log.contains('; 3 parts (') && log.contains(') were already on disk from an interrupted download')
assert !new File(basedir, 'backup/.ic-backup-progress').exists()

def resumed = ItCanister.verifiedBackup(new File(basedir, 'backup'))
assert resumed.counter() == 3 && resumed.stableMemoryBytes() == 65 * 65536
def reference = new File(basedir, 'target/reference-backup')
canister.downloadSnapshot('rwlgt-iiaaa-aaaaa-aaaaa-cai-0', reference)
assert new File(basedir, 'backup/manifest.sha256').text == new File(reference, 'manifest.sha256').text
return true
