// in-maven-jvm: -Dsingletable.fork=false generates in Maven's own JVM (no forked JVM), with the same output and log.
def log = new File(basedir, 'build.log').text
assert !log.contains('generating in a forked JVM')
assert log.contains('[INFO] singletable: 2 models, 1 GSI; ')
assert log =~ /\[INFO\] singletable: generated \d+ files in \d+ ms/
def out = new File(basedir, 'target/generated-sources/singletable')
assert new File(out, 'template.yaml').text.contains('AWS::DynamoDB::Table')
assert new File(out, 'java/io/singletable/generated/DataAccess.java').exists()
assert new File(basedir, 'singletable.lock').text.contains('relation Farm.cows slot=1')
return true
