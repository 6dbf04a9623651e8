def log = new File(basedir, 'build.log').text
assert log =~ /Replica listening on http:\/\/127\.0\.0\.1:\d+/
assert log.contains('Stopped 1 replica(s)')
assert new File(basedir, 'target/replica-state').isDirectory()
