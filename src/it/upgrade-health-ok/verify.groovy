import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
assert seen.counter() == 3 && seen.status() == 'RUNNING'
// The health check ran against the new module and passed.
assert it.buildLog() =~ /health-check\s+ok\s+\d+ ms\s+health replied \("ok"\)/
def report = it.report()
assert report.outcome() == 'UPGRADED'
assert report.steps().contains('health-check=OK')
return true
