# Shared by the scripts that build Go binaries (sourced, not run): shows `go build -v` (or
# `go list`'s downloads) as a running count, not thousands of package names.
# The caller defines say(). Lines with ": " are errors (file:line: message) and pass through whole.
progress() {
  local total=$1 verb=$2 count=0 line
  while IFS= read -r line; do
    case $line in
      go:\ downloading*) ;&
      *[!:]) if [[ $line == *': '* && $line != go:\ downloading* ]]; then printf '%s\n' "$line"; continue; fi
         count=$((count + 1))
         if (( count % 100 == 0 )); then say "$verb $count of ~$total (${SECONDS}s)"; fi ;;
      *) printf '%s\n' "$line" ;;
    esac
  done
  say "$verb $count (${SECONDS}s)"
}
