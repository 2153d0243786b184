// Prints "<tests> <failed>" for one CI stage, read from what its tools leave behind:
//   junit <dir>...   Surefire/Failsafe XML reports (TEST-*.xml) in the given folders
//   log <file>       a log with node --test summaries ("ℹ tests N", "ℹ fail N") and/or Vitest's
//                    "Tests  N passed (M)" lines, summed
// Prints "- -" when it finds nothing to count.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [kind, ...paths] = process.argv.slice(2);
let tests = 0;
let failed = 0;
let found = false;

if (kind === 'junit') {
  for (const dir of paths.filter((d) => existsSync(d))) {
    for (const file of readdirSync(dir).filter((f) => /^TEST-.*\.xml$/.test(f))) {
      const suite = /<testsuite\b[^>]*>/.exec(readFileSync(join(dir, file), 'utf8'));
      if (!suite) continue;
      const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(suite[0]) || [0, 0])[1]);
      tests += attr('tests');
      failed += attr('failures') + attr('errors');
      found = true;
    }
  }
} else if (kind === 'log') {
  const text = existsSync(paths[0]) ? readFileSync(paths[0], 'utf8').replace(/\x1b\[[0-9;]*m/g, '') : '';
  for (const m of text.matchAll(/^\S*\s*ℹ tests (\d+)$/gm)) { tests += Number(m[1]); found = true; }
  for (const m of text.matchAll(/^\S*\s*ℹ fail (\d+)$/gm)) failed += Number(m[1]);
  for (const m of text.matchAll(/^\s*Tests\s+(.*)\((\d+)\)\s*$/gm)) {
    tests += Number(m[2]);
    failed += Number((/(\d+) failed/.exec(m[1]) || [0, 0])[1]);
    found = true;
  }
} else {
  console.error(`count-tests: unknown kind ${kind}`);
  process.exit(2);
}
console.log(found ? `${tests} ${failed}` : '- -');
