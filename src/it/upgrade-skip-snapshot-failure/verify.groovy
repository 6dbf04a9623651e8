import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert seen.status() == 'RUNNING' && seen.snapshots() == 0
assert it.buildLog().contains('nothing could be restored')
def report = it.report()
assert report.outcome() == 'FAILED_NOT_RESTORED'
assert report.steps().takeRight(2) == ['snapshot=SKIPPED', 'install=FAILED'] : 'no restore was attempted'
return true
