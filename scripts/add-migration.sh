#!/usr/bin/env bash
# scripts/add-migration.sh NAME — adds migration NAME for both providers (SQLite and PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh NAME}"
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Belonging.Data.$p" --startup-project "src/Belonging.Data.$p" --context AppDbContext --output-dir Migrations
done
