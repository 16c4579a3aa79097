// check-lock: check and frozen generate fail on a hand-edited generated file (naming it) and on a stale
// lock (naming it), write nothing in either case (bytes compared with snapshots), and pass when clean.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
// build.log holds every run (invoker.properties) one after the other
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1) as List
assert runs.size() == 15 : "expected 15 runs in build.log, found ${runs.size()}"
def run = { int n -> runs[n - 1] }
def errors = { int n -> run(n).readLines().findAll { it.startsWith('[ERROR] singletable: ') } }

/** Every file under root (relative path to bytes). */
def tree = { File root ->
  def files = [:] as TreeMap
  root.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    files[root.toPath().relativize(f.toPath()).toString().replace('\\', '/')] = Files.readAllBytes(f.toPath())
  }
  files
}
def sameTree = { File a, File b, String what ->
  def ta = tree(a)
  def tb = tree(b)
  assert ta.keySet() == tb.keySet() : "${what}: other files: ${(ta.keySet() - tb.keySet()) + (tb.keySet() - ta.keySet())}"
  def differing = ta.keySet().findAll { !Arrays.equals(ta[it], tb[it]) }
  assert differing.isEmpty() : "${what}: files with other bytes: ${differing}"
  ta.size()
}
def bytes = { File f -> Files.readAllBytes(f.toPath()) }
def generated = new File(basedir, 'generated')
def lock = new File(basedir, 'singletable.lock')
def snapshots = new File(basedir, 'snapshots')
def edited = 'appsync/resolvers/Query.getBook.request.vtl'
def handEdit = new File(basedir, 'hand-edit/Query.getBook.request.vtl')

// 1: the first generation writes the lock and every file
assert run(1).contains('singletable: no lock yet; wrote ' + lock)
def first = (run(1) =~ /; (\d+) files in .* \((\d+) written, 0 unchanged, 0 deleted\)/)
assert first.find() && first.group(1) == first.group(2) : 'run 1 did not write every file'
int fileCount = first.group(1) as int
def v1Lock = new File(snapshots, 'v1/singletable.lock')
assert v1Lock.text.contains('relation Shelf.books slot=1 ') && !v1Lock.text.contains('Book.isbn')
assert tree(new File(snapshots, 'v1/generated')).size() == fileCount + 1 : 'snapshot v1 incomplete' // + manifest

// 3 and 4: the hand edit is the one difference named, by its path in the output directory; nothing else differs
[3, 4].each { n ->
  assert run(n).contains('BUILD FAILURE')
  assert errors(n) == ['[ERROR] singletable: ' + new File(generated, edited) + ': differs from what generate would '
      + 'write (edited by hand, or generated from another schema)'] : "run ${n} named: ${errors(n)}"
  assert run(n).contains("singletable: 1 generated file in ${generated} differs from what generate writes for ")
  assert run(n).contains('Nothing was written')
  assert !run(n).contains('the lock') : "run ${n} calls the lock stale"
}
// ... and wrote nothing: the state after 3 and 4 is v1 with the hand edit, byte for byte
assert Arrays.equals(bytes(new File(snapshots, "edited/generated/${edited}")), bytes(handEdit)) : 'the hand edit was undone'
assert Arrays.equals(bytes(new File(snapshots, 'edited/singletable.lock')), bytes(v1Lock)) : 'check rewrote the lock'
def withoutEdit = { File root -> def t = tree(root); t.remove(edited); t.collectEntries { k, v -> [k, v.encodeHex().toString()] } }
assert withoutEdit(new File(snapshots, 'edited/generated')) == withoutEdit(new File(snapshots, 'v1/generated')) : 'check or frozen changed a file'
assert !Arrays.equals(bytes(new File(snapshots, "v1/generated/${edited}")), bytes(handEdit))

// 6: generate rewrites the edited file, and only it
assert (run(6) =~ /\(1 written, ${fileCount - 1} unchanged, 0 deleted\)/).find() : 'run 6 did not rewrite just the edited file'
assert run(6).contains('singletable: no change against ' + lock)

// 7 and 8: a clean state passes check and frozen generate
[7, 8].each { n ->
  assert run(n).contains('BUILD SUCCESS') && errors(n).isEmpty()
  assert run(n).contains("singletable: ${generated} is up to date with ") && run(n).contains("(${fileCount} files), and so is ${lock}")
}

// 9: v2 adds Book.isbn @unique: the plan asks for a backfill and the lock records the unique
assert run(9).contains('singletable: changes against ' + lock)
assert (run(9) =~ /needs backfill: @unique Book\.isbn \S+ Book items/).find() // \S+: a dash, in the platform encoding
def v2Lock = new File(snapshots, 'v2/singletable.lock')
assert v2Lock.text.contains('unique Book.isbn type=String ignoreCase=true')

// 11 and 12: output generated for v2 but the v1 lock (not committed): only the lock is named, by its path
[11, 12].each { n ->
  assert run(n).contains('BUILD FAILURE')
  assert errors(n) == ["[ERROR] singletable: ${lock}: differs from what generate would write (the lock was not "
      + 'committed after a schema change, or was edited by hand)'] : "run ${n} named: ${errors(n)}"
  assert run(n).contains("singletable: the lock ${lock} differs from what generate writes for ")
  assert !run(n).contains('generated file') && !run(n).contains("${generated}${File.separator}${lock}")
}
// ... and wrote nothing: the lock is still v1's, the output still what run 9 wrote
def after12 = new File(snapshots, 'after12')
assert Arrays.equals(bytes(new File(after12, 'singletable.lock')), bytes(v1Lock)) : 'check or frozen rewrote the lock'
sameTree(new File(after12, 'generated'), new File(snapshots, 'v2/generated'), 'output after runs 11 and 12')
assert new File(generated, 'schema-changes.md').text.contains('| needs backfill | @unique Book.isbn | Book |')

// 14 and 15: with the v2 lock committed, check passes and generating again writes nothing: the plan (and the
// backfill it asks for) stays in the lock's 'change' lines until they are deleted
assert run(14).contains('BUILD SUCCESS') && errors(14).isEmpty() : 'check right after generate failed'
assert (run(15) =~ /\(0 written, \d+ unchanged, 0 deleted\)/).find() : 'generating v2 again rewrote files'
assert run(15).contains('needs backfill: @unique Book.isbn')
assert Arrays.equals(bytes(lock), bytes(v2Lock)) && v2Lock.text.contains('\nchange needs backfill | @unique Book.isbn | Book | ')
sameTree(generated, new File(snapshots, 'v2/generated'), 'output after runs 14 and 15')
return true
