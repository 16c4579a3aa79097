// no-pom: a folder without pom.xml, the goal by its full coordinates.
assert !new File(basedir, 'pom.xml').exists()
def out = new File(basedir, 'out')
assert new File(out, 'template.yaml').isFile()
assert new File(out, 'appsync/schema.graphql').isFile()
assert new File(out, 'java/io/singletable/generated/SingleTableSchema.java').isFile()
assert !new File(basedir, 'target').exists() : 'wrote outside the output directory'
def log = new File(basedir, 'build.log').text
assert log.contains('@ standalone-pom')
assert log =~ /singletable: 4 models, 3 GSIs; 4 files in .*out \(4 written, 0 unchanged, 0 deleted\)/
return true
