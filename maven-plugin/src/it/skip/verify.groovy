// skip: -Dsingletable.skip=true writes nothing, says so, and does not even read the schema (this project has none).
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] singletable: skipped (singletable.skip=true)')
assert !(log =~ /singletable: \d+ models/)
assert !new File(basedir, 'target/generated-sources/singletable').exists()
return true
