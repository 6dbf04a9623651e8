import io.github.icmaven.it.ItCanister
import io.github.icmaven.it.ItRepository

def group = 'io.github.icmaven.it.badwasmartifact'
ItCanister.of(basedir).prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
def releases = ItRepository.at(new File(basedir, 'repo'))
releases.publish(group, 'counter', '1.0', new File(canistersDir, 'counter-v1.wasm'))
// 2.0's file was replaced after its checksum was computed (a corrupted or tampered upload).
releases.publishWithWrongChecksum(group, 'counter', '2.0', new File(canistersDir, 'counter-v2-trap-post-upgrade.wasm'),
        new File(canistersDir, 'counter-v2.wasm'))
ItRepository.forget(localRepositoryPath as File, group)
return true
