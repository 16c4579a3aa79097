// not-utf8: a schema file that is not UTF-8 is a located error (file:line:column, the byte), the
// file with a byte order mark next to it is fine, the build fails cleanly and writes nothing.
def log = new File(basedir, 'build.log').text
def expected = 'src/main/graphql/b-cow.graphql:2:7: error[ST060]: not valid UTF-8: byte 0xE9 starts a 3-byte character, but 0x65 does not continue it; save the file as UTF-8'
assert log.contains('[ERROR] ' + expected) : "build.log lacks: ${expected}"
def reported = log.readLines().findAll { it =~ /^\[ERROR\] \S+:\d+:\d+: error\[ST\d{3}\]/ }
assert reported.size() == 1 : "expected one finding, got:\n${reported.join('\n')}"
assert log.contains('schema has 1 error')
assert log.contains('nothing was written')
assert !log.contains('Input length') && !log.contains('MalformedInputException') : 'a decoder exception leaked'
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/generated-sources/singletable').exists() : 'something was written'
return true
