#!/usr/bin/env bash
# Installs the Prisma peer's packages and generates its client offline (no schema engine download: any existing
# file as PRISMA_SCHEMA_ENGINE_BINARY lets `prisma generate` run; the client itself needs no binary).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
node --version
[[ -d node_modules/@prisma/client ]] || npm install --no-audit --no-fund
PRISMA_SCHEMA_ENGINE_BINARY="$(command -v node)" npx prisma generate --schema schema.prisma
