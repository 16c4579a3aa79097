// basic: generated in generate-sources (in a forked JVM, the default), compiled with the project's own code.
def buildLog = new File(basedir, 'build.log').text
assert buildLog.contains('[INFO] singletable: generating in a forked JVM (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC')
def out = new File(basedir, 'target/generated-sources/singletable')
def template = new File(out, 'template.yaml')
assert template.isFile() : "no ${template}"
def yaml = template.text
// Library.books, Author.books and Library.holdings (over the Holding union) all reach Book:
// three relations on one concrete type need three GSIs.
def gsis = (yaml =~ /(?m)^\s*- IndexName: GSI\d\d$/).size()
assert gsis == 3 : "expected 3 GSIs in template.yaml, found ${gsis}"
assert yaml.contains('Description: "singletable backend: 4 models, 3 GSIs"')
assert new File(out, 'appsync/schema.graphql').isFile()
assert new File(out, 'access-patterns.md').isFile()
assert new File(out, '.singletable-manifest').isFile()
def javaSource = new File(out, 'java/io/singletable/it/library/generated/SingleTableSchema.java')
assert javaSource.isFile() : "no ${javaSource}"
def schema = new File(out, 'appsync/schema.graphql').text
assert schema.contains('libraryByName(name: String!): Library')
assert schema.contains('authorByEmail(email: String!): Author')
assert !schema.contains('@hasMany') && !schema.contains('@model')

// addCompileSourceRoot: the generated class was compiled, and so was user code that uses it.
def classes = new File(basedir, 'target/classes')
assert new File(classes, 'io/singletable/it/library/generated/SingleTableSchema.class').isFile() : 'SingleTableSchema was not compiled'
assert new File(classes, 'io/singletable/it/library/Tables.class').isFile()
// The entities and their codec compiled warning-free (-Xlint:all -Werror) with only the SDK's dynamodb module.
['ItemCodec', 'Entity', 'Library', 'Book', 'Holding', 'DataAccess', 'SchemaMigration',
 'runtime/ItemValues', 'runtime/TableAccess', 'runtime/MigrationRunner', 'runtime/SchemaBackfill'].each { name ->
  assert new File(classes, "io/singletable/it/library/generated/${name}.class").isFile() : "${name} was not compiled"
}

def log = new File(basedir, 'build.log').text
assert log.contains('singletable-maven-plugin:') && log.contains(':generate (default) @ basic')
def generated = (log =~ /singletable: 4 models, 3 GSIs; (\d+) files in .* \((\d+) written, 0 unchanged, 0 deleted\)/)
assert generated.find() : 'no generation line in build.log'
assert generated.group(1) == generated.group(2) : 'a first run writes every file'
assert generated.group(1).toInteger() > 4 : 'resolver templates are generated too'
assert log =~ /singletable: template.yaml has \d+ resources \(CloudFormation allows 500 per stack\)/ : 'stack size reported'
return true
