// invalid-schema: every mistake reported at once as file:line:column, the build failed,
// and the previous output is exactly as it was.
def log = new File(basedir, 'build.log').text
def expected = [
    'src/main/graphql/schema.graphql:7:17: error[ST013]: @hasMany(sortBy: "titel") on Shelf.books: Book has no field titel',
    'src/main/graphql/schema.graphql:13:16: error[ST002]: unknown directive @uniqe',
    'src/main/graphql/schema.graphql:15:16: error[ST021]: @belongsTo on Book.shelf: Book has no field shelfID',
    'src/main/graphql/schema.graphql:16:11: error[ST005]: unknown type Writer',
]
expected.each { line ->
  assert log.contains('[ERROR] ' + line) : "build.log lacks: ${line}"
}
def reported = log.readLines().findAll { it =~ /^\[ERROR\] \S+:\d+:\d+: error\[ST\d{3}\]/ }
assert reported.size() == expected.size() : "expected ${expected.size()} findings, got:\n${reported.join('\n')}"
assert log.contains('[ERROR] 4 errors')
assert log.contains('schema has 4 errors')
assert log.contains('nothing was written')
assert log.contains('BUILD FAILURE')

// out/ holds a previous run's output (checked in with the IT): not one byte of it changed.
def out = new File(basedir, 'out')
assert new File(out, 'template.yaml').text == 'previous\n'
assert new File(out, '.singletable-manifest').text == '# files written by singletable; do not edit\ntemplate.yaml\n'
def files = []
out.eachFileRecurse { files << out.toPath().relativize(it.toPath()).toString() }
assert files.sort() == ['.singletable-manifest', 'template.yaml'] : "unexpected files in out/: ${files}"
return true
