#!/bin/sh
# Runs a command with Node.js 24 first on PATH: n8n 2.x, its engine and this toolchain need it.
# When the system node is older (machines here ship Node 20), Node 24 is fetched once from the
# npm registry into .tools/ (the `node` package's own install script downloads the binary, so
# scripts must run for that one install even though the project's .npmrc turns them off).
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 24 ]; then
  if [ ! -x "$root/.tools/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null) is older than 24: fetching Node 24 into .tools/ (once)" >&2
    npm install --prefix "$root/.tools" --no-save --no-package-lock --ignore-scripts=false --loglevel=error node@24 >&2
  fi
  PATH="$root/.tools/node_modules/.bin:$PATH"
  export PATH
fi
exec "$@"
