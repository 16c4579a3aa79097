// no-pom: a folder without pom.xml, the goal by its full coordinates.
assert !new File(basedir, 'pom.xml').exists()
def out = new File(basedir, 'out')
assert new File(out, 'template.yaml').isFile()
assert new File(out, 'appsync/schema.graphql').isFile()
assert new File(out, 'java/io/singletable/generated/SingleTableSchema.java').isFile()
assert !new File(basedir, 'target').exists() : 'wrote outside the output directory'
// without a pom the lock goes to the current folder
def lock = new File(basedir, 'singletable.lock')
assert lock.isFile() : 'no singletable.lock in the current folder'
assert lock.text.contains('keyStrategy NODE') && lock.text.contains('gsiCount 3')
def log = new File(basedir, 'build.log').text
assert log.contains('@ standalone-pom')
def generated = (log =~ /singletable: 4 models, 3 GSIs; (\d+) files in .*out \((\d+) written, 0 unchanged, 0 deleted\)/)
assert generated.find() : 'no generation line in build.log'
assert generated.group(1) == generated.group(2) : 'a first run writes every file'
assert generated.group(1).toInteger() > 4 : 'resolver templates are generated too'
return true
