// check: stale output is caught and named; nothing is written by check or frozen mode.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'generated')
assert new File(out, 'template.yaml').isFile()
// the v2 schema adds Book.isbn @unique: the resolvers of Book and the schema change, bookByIsbn is new
assert log.contains('Mutation.createBook.request.vtl: differs from what generate would write') : 'changed file not named'
assert log.contains('Query.bookByIsbn.request.vtl: missing; generate would write it') : 'missing file not named'
assert (log =~ /generated files? in .*generated differ/).find() : 'no failure summary'
// the lock (v2 adds a unique) is named by its own path, not as a file of the output directory
assert log.contains(new File(basedir, 'singletable.lock').toString() + ': differs from what generate would write')
assert !(log =~ /generated[\/\\]+\S*singletable\.lock/).find() : 'the lock named as a file of the output directory'
assert (log =~ /generated files? in .*generated differ and the lock .*singletable\.lock differs/).find()
assert !new File(out, 'appsync/resolvers/Query.bookByIsbn.request.vtl').exists() : 'check wrote a file'
assert !new File(out, 'appsync/schema.graphql').text.contains('isbn') : 'check changed a file'
def upToDate = (log =~ /singletable: .*generated is up to date with .*graphql \(\d+ files\)/).collect { it }
assert upToDate.size() == 2 : "expected runs 3 and 5 to pass, found ${upToDate.size()}"
return true
