// forked: -Dsingletable.fork=true runs the generator in a JVM of its own, started with the plugin's class path as
// Maven resolved it (the realm's jars), and relays its log; the output and the lock are written as usual.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] singletable: generating in a forked JVM (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC')
assert log.contains('[INFO] singletable: 2 models, 1 GSI; ')
assert log =~ /\[INFO\] singletable: generated \d+ files in \d+ ms/
def out = new File(basedir, 'target/generated-sources/singletable')
assert new File(out, 'template.yaml').text.contains('AWS::DynamoDB::Table')
assert new File(out, 'java/io/singletable/generated/DataAccess.java').exists()
assert new File(basedir, 'singletable.lock').text.contains('relation Farm.cows slot=1')
return true
