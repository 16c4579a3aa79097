// refused-changes: each change the stored data cannot follow fails the build with its code at
// file:line:column (in the schema, or in the lock when the schema no longer has the element), and the
// lock and the output stay byte for byte as v1 left them; two new GSIs at once then succeed, planned for
// a deploy.sh that creates them one per stack update.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
// build.log holds every run (invoker.properties) one after the other
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1) as List
assert runs.size() == 8 : "expected 8 runs in build.log, found ${runs.size()}"
def run = { int n -> runs[n - 1] }
def located = { int n -> run(n).readLines().findAll { it =~ /^\[ERROR\] \S+:\d+:\d+: error\[ST\d{3}\]/ } }

/** Every file under root (relative path to its bytes, hex). */
def tree = { File root ->
  def files = [:] as TreeMap
  root.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    files[root.toPath().relativize(f.toPath()).toString().replace('\\', '/')] =
        Files.readAllBytes(f.toPath()).encodeHex().toString()
  }
  files
}
def snapshots = new File(basedir, 'snapshots')
def lock = new File(basedir, 'singletable.lock')
def v1Lock = new File(snapshots, 'v1/singletable.lock')

/** 1-based line of the first line of file that starts (after indentation) with text, and its column. */
def position = { File file, String text ->
  def lines = file.readLines()
  int i = lines.findIndexOf { it.strip().startsWith(text) }
  assert i >= 0 : "${file} has no line '${text}'"
  "${i + 1}:${lines[i].indexOf(text) + 1}"
}
def schemaAt = { String dir, String text -> "${dir}/schema.graphql:" + position(new File(basedir, "${dir}/schema.graphql"), text) }
def lockAt = { String text -> 'singletable.lock:' + position(v1Lock, text) }

// 1: v1 generated with one GSI
assert run(1).contains('singletable: no lock yet; wrote ' + lock)
assert v1Lock.text.contains('\nkeyStrategy NODE\n') && v1Lock.text.contains('\ngsiCount 1\n')
assert v1Lock.text.contains('\ntype Book\n') && v1Lock.text.contains('relation Shelf.books slot=1 key=Book#shelfId sortBy=title:String ')

def expected = [
    // another key strategy: located at the lock's keyStrategy line
    3: ["${lockAt('keyStrategy NODE')}: error[ST044]: keyStrategy TYPE differs from the lock's NODE"],
    // Book renamed Volume: located at the lock's line of the type that disappeared, naming the likely new name
    4: ["${lockAt('type Book')}: error[ST044]: @model type Book is locked but no longer in the schema: its stored "
        + 'items (__typename Book) would be orphaned, and a renamed type (Volume?) would not find them'],
    // a sortBy field changing type: located at the field
    5: ["${schemaAt('sort-type', 'title: Int!')}: error[ST044]: sortBy field title of Shelf.books changes type from "
        + 'String to Int'],
    // two refused changes: both reported at once
    6: ["${lockAt('keyStrategy NODE')}: error[ST044]: keyStrategy TYPE differs",
        "${lockAt('type Book')}: error[ST044]: @model type Book is locked but no longer in the schema"],
]
expected.each { n, errors ->
  def found = located(n)
  assert found.size() == errors.size() : "run ${n}: expected ${errors.size()} errors, got:\n${found.join('\n')}"
  errors.eachWithIndex { e, i ->
    assert found[i].startsWith('[ERROR] ' + e) : "run ${n}: expected\n[ERROR] ${e}...\ngot\n${found[i]}"
  }
  assert run(n).contains("[ERROR] ${errors.size()} error${errors.size() == 1 ? '' : 's'}")
  assert run(n).contains('nothing was written') && run(n).contains('BUILD FAILURE')
  assert !run(n).contains('singletable: changes against') : "run ${n} logged a plan"
}
assert located(3)[0].contains('keep keyStrategy NODE (a new key strategy needs a new table)')

// 7: check passes on v1, and the snapshot taken then is v1's byte for byte: runs 3-6 wrote nothing
assert run(7).contains('BUILD SUCCESS') && run(7).contains("is up to date with ") && run(7).contains("and so is ${lock}")
def before = tree(new File(snapshots, 'v1'))
def after = tree(new File(snapshots, 'after'))
assert before.containsKey('singletable.lock') && before.containsKey('generated/template.yaml')
assert before.keySet() == after.keySet() : "files added or removed: ${(before.keySet() - after.keySet()) + (after.keySet() - before.keySet())}"
def changed = before.keySet().findAll { before[it] != after[it] }
assert changed.isEmpty() : "files with other bytes after the refused runs: ${changed}"

// 8: two new GSIs at once succeed; the plan says deploy.sh creates them one per stack update
assert run(8).contains('BUILD SUCCESS')
// (the plan's dashes and arrows left out: build.log is in the platform encoding)
assert (run(8) =~ /needs backfill: relation Author\.books \S+ Book items \[PK0[23]\/SK0[23]\]: new relation on GSI0[23]/).find()
assert (run(8) =~ /needs backfill: relation Publisher\.books \S+ Book items \[PK0[23]\/SK0[23]\]: new relation on GSI0[23]/).find()
assert (run(8) =~ /no data change: GSIs 1 \S+ 3: template\.yaml creates GSI02, GSI03; DynamoDB builds them on deploy, one per table update: deploy\.sh deploys template\.yaml once per GSI/).find()
assert lock.text.contains('\ngsiCount 3\n') && lock.text.contains('relation Shelf.books slot=1 ')
def generated = new File(basedir, 'generated')
assert new File(generated, 'template.yaml').text.contains('    Default: "3"\n    AllowedValues: ["0", "1", "2", "3"]\n')
assert new File(generated, 'deploy.sh').text.contains('\nTARGET=3\nDECLARED=3\n')
return true
