#!/usr/bin/env bash
# Whole-process benchmark: `mvn generate-sources` with singletable-maven-plugin on generated chains of models,
# side by side with Amplify's GraphQL transformer (a whole `node` process) on the same schemas.
#
#   bench/run-bench.sh                    # sizes 10 50 150 1000 2000, 3 runs each after one warm-up
#   RUNS=5 bench/run-bench.sh 10 150      # other sizes / run counts
#
# Environment: RUNS (counted runs, default 3), RUNS_LARGE (for 1,000 models and more, default RUNS), BENCH_WORK
# (work folder, default bench/target), MVN (default mvn), MVN_FLAGS (default "-B -o"; drop -o to let
# Maven download), MAVEN_REPO (a local repository, passed as -Dmaven.repo.local), SKIP_INSTALL=1 (the plugin is
# installed already), AMPLIFY=0 (ours only), AMPLIFY_MAX (largest size given to Amplify, default 2000).
# Needs: Java 17, Maven, Node 20 and npm (Amplify's transformer is installed into bench/target/amplify), GNU time.
#
# Per size it prints the medians of wall time and peak RSS of the whole process, the plugin's own execution time
# (its log line "singletable: generated N files in X ms"), Amplify's wall time and peak RSS, and ours/Amplify.
# Every run starts from an empty output folder and no lock (the first generation: every file written).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-"$ROOT/bench/target"}
RUNS=${RUNS:-3}
RUNS_LARGE=${RUNS_LARGE:-$RUNS}
MVN=${MVN:-mvn}
read -r -a FLAGS <<<"${MVN_FLAGS:--B -o}"
if [[ -n "${MAVEN_REPO:-}" ]]; then FLAGS+=("-Dmaven.repo.local=$MAVEN_REPO"); fi
AMPLIFY=${AMPLIFY:-1}
AMPLIFY_MAX=${AMPLIFY_MAX:-2000}
SIZES=("$@")
if [[ ${#SIZES[@]} -eq 0 ]]; then SIZES=(10 50 150 1000 2000); fi
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -1)
mkdir -p "$WORK"

if [[ "${SKIP_INSTALL:-0}" != 1 ]]; then
  echo "installing singletable $VERSION (mvn install -DskipTests -pl maven-plugin -am) ..." >&2
  (cd "$ROOT" && "$MVN" "${FLAGS[@]}" -q install -DskipTests -pl maven-plugin -am >"$WORK/install.log" 2>&1) \
    || { cat "$WORK/install.log" >&2; exit 1; }
fi
[[ -d "$ROOT/generator/target/test-classes/io/singletable/bench" ]] \
  || (cd "$ROOT" && "$MVN" "${FLAGS[@]}" -q test-compile -pl generator >"$WORK/compile.log" 2>&1)
# GeneratedSchemas and BenchSchemas are generator test classes (compiled by the install above)
java -cp "$ROOT/generator/target/test-classes" io.singletable.bench.BenchSchemas "$WORK/schemas" "${SIZES[@]}"

if [[ $AMPLIFY == 1 ]]; then
  AMP="$WORK/amplify"
  mkdir -p "$AMP"
  cp "$ROOT/bench/amplify/package.json" "$ROOT/bench/amplify/transform.js" "$AMP/"
  if [[ -f "$ROOT/bench/amplify/package-lock.json" ]]; then cp "$ROOT/bench/amplify/package-lock.json" "$AMP/"; fi
  if [[ ! -d "$AMP/node_modules/@aws-amplify/graphql-transformer" ]]; then
    echo "installing Amplify's transformer into $AMP (npm) ..." >&2
    (cd "$AMP" && npm install --no-audit --no-fund >"$AMP/npm.log" 2>&1) || { cat "$AMP/npm.log" >&2; exit 1; }
  fi
fi

# A throwaway project per size whose pom runs the plugin's generate goal in generate-sources.
project() {
  local n=$1 dir="$WORK/projects/chain-$1"
  mkdir -p "$dir/src/main/graphql"
  cp "$WORK/schemas/chain-$n/schema.graphql" "$dir/src/main/graphql/schema.graphql"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>chain-$n</artifactId>
  <version>1</version>
  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <build>
    <plugins>
      <plugin>
        <groupId>io.singletable</groupId>
        <artifactId>singletable-maven-plugin</artifactId>
        <version>$VERSION</version>
        <executions><execution><goals><goal>generate</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
  echo "$dir"
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# Earlier runs' output is moved aside, and deleted only at the end: on a file system that, like ext4 without a
# journal, scans past recently deleted inodes when it allocates one, deleting ~20,000 files right before a run makes
# that run's writes several times slower, which a user's first generation does not pay.
TRASH="$WORK/trash"
trap 'rm -rf "$TRASH"' EXIT
ours() { # dir log -> "wall_s rss_kb plugin_ms"
  local dir=$1 log=$2
  mkdir -p "$TRASH"
  if [[ -e "$dir/target" ]]; then mv "$dir/target" "$(mktemp -d "$TRASH/run.XXXXXX")/"; fi
  rm -f "$dir/singletable.lock"
  (cd "$dir" && $TIME -f "%e %M %U %S" -o "$log.time" "$MVN" "${FLAGS[@]}" generate-sources >"$log" 2>&1) \
    || { echo "mvn failed, see $log" >&2; tail -30 "$log" >&2; exit 1; }
  local ms
  ms=$(sed -n 's/.*singletable: generated [0-9]* files in \([0-9]*\) ms.*/\1/p' "$log" | tail -1)
  read -r wall rss user sys <<<"$(tail -1 "$log.time")"
  echo "$wall $rss ${ms:--} $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"
}

amplify() { # n log -> "wall_s rss_kb"
  local n=$1 log=$2
  (cd "$AMP" && $TIME -f "%e %M" -o "$log.time" node transform.js "$WORK/schemas/chain-$n/amplify.graphql" \
      "$WORK/amplify-out/chain-$n" >"$log" 2>&1) || { echo "Amplify failed at $n models, see $log" >&2; echo "- -"; return; }
  tail -1 "$log.time"
}

mkdir -p "$WORK/logs"
printf '| models | singletable wall | peak RSS | plugin | CPU | Amplify wall | Amplify RSS | ours / Amplify |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for n in "${SIZES[@]}"; do
  dir=$(project "$n")
  use_amp=$([[ $AMPLIFY == 1 && $n -le $AMPLIFY_MAX ]] && echo 1 || echo 0)
  : >"$WORK/logs/ours-$n.tsv"; : >"$WORK/logs/amp-$n.tsv"
  runs=$((n >= 1000 ? RUNS_LARGE : RUNS))
  for ((r = (n >= 1000 ? 1 : 0); r <= runs; r++)); do # run 0 is the warm-up (none from 1,000 models); ours and Amplify alternate
    o=$(ours "$dir" "$WORK/logs/ours-$n-$r.log")
    a=$([[ $use_amp == 1 ]] && amplify "$n" "$WORK/logs/amp-$n-$r.log" || echo "- -")
    if ((r > 0)); then echo "$o" >>"$WORK/logs/ours-$n.tsv"; echo "$a" >>"$WORK/logs/amp-$n.tsv"; fi
  done
  ow=$(cut -d' ' -f1 "$WORK/logs/ours-$n.tsv" | median)
  orss=$(cut -d' ' -f2 "$WORK/logs/ours-$n.tsv" | median)
  oms=$(cut -d' ' -f3 "$WORK/logs/ours-$n.tsv" | grep -v -- - | median || true)
  ocpu=$(cut -d' ' -f4 "$WORK/logs/ours-$n.tsv" | median)
  aw=$(cut -d' ' -f1 "$WORK/logs/amp-$n.tsv" | grep -v -- - | median || true)
  arss=$(cut -d' ' -f2 "$WORK/logs/amp-$n.tsv" | grep -v -- - | median || true)
  ratio=$([[ $aw != - && -n $aw ]] && awk -v o="$ow" -v a="$aw" 'BEGIN {printf "%.2f", o / a}' || echo -)
  mb() { [[ $1 == - || -z $1 ]] && echo - || awk -v k="$1" 'BEGIN {printf "%.0f MB", k / 1024}'; }
  printf '| %s | %.2f s | %s | %s ms | %.1f s | %s | %s | %s |\n' "$n" "$ow" "$(mb "$orss")" "$oms" "$ocpu" \
    "$([[ $aw == - || -z $aw ]] && echo - || echo "$aw s")" "$(mb "$arss")" "$ratio"
done
echo "(medians of $RUNS runs, $RUNS_LARGE from 1,000 models, after a warm-up below 1,000 models; CPU: user + system seconds of the mvn process; $(nproc) cores; $(java -version 2>&1 | head -1); node $(node --version 2>/dev/null || echo -))"
