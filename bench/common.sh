# Shared by the delivery benchmarks (bench/delivery.sh, bench/latency.sh): the readers and the config
# they send with. Source it after setting $root (the repository) and $connections.

subscribers() {   # N readers over 300 preference sets: a third with none, a third two topics, a third a topic and keywords
  local n=$1 set t1 t2 k
  local topics=(rl diffusion llm reasoning multimodal vision robotics agents efficiency safety audio code graphs)
  local keywords=("protein folding" tokenizer "world model" benchmark "sparse attention" "video generation" quantization "reward model")
  echo "email,topics,keywords"
  for ((i = 0; i < n; i++)); do
    set=$((i % 300))
    t1=${topics[$((set % 13))]}; t2=${topics[$(((set / 13) % 13))]}
    k=${keywords[$(((set / 40) % 8))]}
    case $((set % 3)) in
      0) echo "reader$i@example.org,," ;;
      1) echo "reader$i@example.org,$t1;$t2," ;;
      2) echo "reader$i@example.org,$t1,$k" ;;
    esac
  done
}

bench_config() {   # SMTP host ("" for the outbox folder), port, database URL ("" for the embedded default under the working folder)
  # $security (default none) and $ca_file (smtp.caFile, for a TLS front's certificate) when set
  cat <<YAML
smtp:
  host: "$1"
  port: $2
  security: ${security:-none}
${ca_file:+  caFile: \"$ca_file\"}
  connections: $connections
  outbox: outbox
  fromAddress: digest@paperboy.test
email:
  templates: "$root/templates"
  publicBaseUrl: https://news.paperboy.test
  postalAddress: "Paperboy Benchmarks, 12 Rue des Lilas, 75011 Paris, France"
delivery:
  claimBatch: 50
tokens:
  secret: benchmark-secret-0123456789
YAML
  [ -z "${3:-}" ] || printf 'database:\n  url: "%s"\n' "$3"
}
