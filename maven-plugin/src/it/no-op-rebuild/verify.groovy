// no-op-rebuild: the second run finds every file up to date and writes nothing.
def log = new File(basedir, 'build.log').text
def runs = (log =~ /singletable: \d+ models?, \d+ GSIs?; (\d+) files in .* \((\d+) written, (\d+) unchanged, (\d+) deleted\)/).collect { it }
assert runs.size() == 2 : "expected two generate runs in build.log, found ${runs.size()}"
def (first, second) = runs
assert first[2] == first[1] && first[3] == '0' : "first run: ${first[0]}"
assert second[2] == '0' : "second run wrote files: ${second[0]}"
assert second[3] == second[1] && second[4] == '0' : "second run: ${second[0]}"
return true
