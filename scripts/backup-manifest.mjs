// The JSON side of scripts/backup.sh (Node, no dependencies). Subcommands:
//
//   contents            stdin: `pg_restore --data-only -f - <dump>` (plain SQL with COPY blocks); prints
//                       {"rows": {"public.t": n, ...}, "flyway": [{version, description, checksum, success}, ...]}
//                       read from the dump itself, so the counts describe exactly what the archive holds.
//   assemble <dir>      reads <dir>/<db>.meta.json and <dir>/<db>.contents.json for each logical database
//                       (env BACKUP_DATABASES, e.g. "posts users", in dump order) and the tool versions from the
//                       environment; writes <dir>/manifest.json.
//   check <manifest> <db> <live.json>
//                       compares the manifest's entry for <db> with a live database's state (the same shape as
//                       `contents` prints, from scripts/backup.sh's live_state query); prints each difference and
//                       exits 1 if there is one.
//   field <manifest> <path>   prints one value of the manifest (dot-separated path), e.g. databases.users.sha256.
//   summary <manifest>        prints e.g. "250 users, 5000 articles, 12000 comments, 17000 favorites".
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [command, ...args] = process.argv.slice(2);

/** COPY text format: backslash escapes (https://www.postgresql.org/docs/current/sql-copy.html). */
function unescapeCopy(value) {
  if (value === '\\N') return null;
  return value.replace(/\\(.)/g, (_, c) => ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' })[c] ?? c);
}

/** One flyway_schema_history row, in the shape both the dump and the live query give. */
function flywayRow(r) {
  return {
    version: r.version ?? null,
    description: r.description,
    checksum: r.checksum === null || r.checksum === undefined ? null : Number(r.checksum),
    success: r.success === true || r.success === 't',
  };
}

async function contents() {
  const rows = {};
  const flyway = [];
  let table = null;
  let columns = [];
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (table === null) {
      // COPY public.articles (id, slug, ...) FROM stdin;
      const m = /^COPY (\S+) \((.*)\) FROM stdin;$/.exec(line);
      if (m) {
        table = m[1].replaceAll('"', '');
        columns = m[2].split(', ').map((c) => c.replaceAll('"', ''));
        rows[table] = 0;
      }
      continue;
    }
    if (line === '\\.') {
      table = null;
      continue;
    }
    rows[table] += 1;
    if (table.endsWith('.flyway_schema_history')) {
      const values = line.split('\t').map(unescapeCopy);
      flyway.push({ rank: Number(values[columns.indexOf('installed_rank')]),
        ...flywayRow(Object.fromEntries(columns.map((c, i) => [c, values[i]]))) });
    }
  }
  if (table !== null) throw new Error(`the dump's data for ${table} ends without its \\. terminator`);
  flyway.sort((a, b) => a.rank - b.rank);
  console.log(JSON.stringify({ rows, flyway: flyway.map(({ rank, ...rest }) => rest) }));
}

function assemble(dir) {
  const order = (process.env.BACKUP_DATABASES || '').split(/\s+/).filter(Boolean);
  if (order.length === 0) throw new Error('BACKUP_DATABASES is empty');
  const databases = {};
  for (const db of order) {
    const meta = JSON.parse(readFileSync(`${dir}/${db}.meta.json`, 'utf8'));
    const found = JSON.parse(readFileSync(`${dir}/${db}.contents.json`, 'utf8'));
    databases[db] = { ...meta, flyway: found.flyway, rows: found.rows };
  }
  const manifest = {
    format: 1,
    created_at: process.env.BACKUP_CREATED_AT,
    stack: process.env.STACK,
    host: process.env.BACKUP_HOST,
    dump_order: order,
    consistency: 'Each database is dumped in one snapshot (pg_dump). posts is dumped before users: users are never '
      + 'deleted and their ids never reused, so every author/user id in the posts dump exists in the later users dump. '
      + 'restore checks it.',
    tools: {
      pg_dump: process.env.BACKUP_PG_DUMP_VERSION,
      pg_restore: process.env.BACKUP_PG_RESTORE_VERSION,
      psql: process.env.BACKUP_PSQL_VERSION,
      server: process.env.BACKUP_SERVER_VERSION,
    },
    databases,
  };
  writeFileSync(`${dir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}

function check(manifestFile, db, liveFile) {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const expected = manifest.databases?.[db];
  if (!expected) throw new Error(`${manifestFile} has no database ${db}`);
  const live = JSON.parse(readFileSync(liveFile, 'utf8'));
  const problems = [];
  const tables = new Set([...Object.keys(expected.rows), ...Object.keys(live.rows ?? {})]);
  for (const t of [...tables].sort()) {
    const want = expected.rows[t];
    const got = live.rows?.[t];
    if (want !== got) problems.push(`${db}: ${t} has ${got ?? 'no table'} rows, the archive ${want ?? 'no table'}`);
  }
  const want = JSON.stringify(expected.flyway);
  const got = JSON.stringify((live.flyway ?? []).map(flywayRow));
  if (want !== got) problems.push(`${db}: flyway_schema_history differs from the archive's\n  archive: ${want}\n  live:    ${got}`);
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  const total = Object.values(expected.rows).reduce((a, b) => a + b, 0);
  console.log(`${db}: ${Object.keys(expected.rows).length} tables, ${total} rows and Flyway versions `
    + `${expected.flyway.map((f) => f.version).join(',')} as in the archive`);
}

function field(manifestFile, path) {
  let value = JSON.parse(readFileSync(manifestFile, 'utf8'));
  for (const key of path.split('.')) value = value?.[key];
  if (value === undefined) throw new Error(`${manifestFile} has no ${path}`);
  console.log(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function summary(manifestFile) {
  const { databases } = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const rows = Object.assign({}, ...Object.values(databases).map((d) => d.rows));
  console.log(['users', 'follows', 'articles', 'tags', 'comments', 'favorites']
    .map((t) => `${rows[`public.${t}`] ?? 0} ${t}`).join(', '));
}

switch (command) {
  case 'contents': await contents(); break;
  case 'assemble': assemble(args[0]); break;
  case 'check': check(args[0], args[1], args[2]); break;
  case 'field': field(args[0], args[1]); break;
  case 'summary': summary(args[0]); break;
  default:
    console.error('usage: backup-manifest.mjs contents | assemble <dir> | check <manifest> <db> <live.json> | field <manifest> <path> | summary <manifest>');
    process.exit(2);
}
