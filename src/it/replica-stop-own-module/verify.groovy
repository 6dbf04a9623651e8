def log = new File(basedir, 'build.log').text
assert (log =~ /Replica listening on http:\/\/127\.0\.0\.1:\d+/).count == 2
// The second module's replica-stop stops the second module's replica, not the first's (it stops with the build).
assert log =~ /replica-stop \(replica\) @ second ---\s*\n\[INFO\] Stopped 1 replica\(s\)/
assert !log.contains('Stopped 2 replica(s)')
assert new File(basedir, 'first/target/replica-state').isDirectory()
assert new File(basedir, 'second/target/replica-state').isDirectory()
return true
