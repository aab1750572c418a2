// Prints, for jest JSON reports, what failed and why: each failed test's name and the head of
// its first failure message (a message repeated by the tests of one beforeAll is printed once).
// test:all prints it just above its summary line, where a log cut in the middle still shows it.
// Usage: node scripts/lib/failures.js report.json...
const fs = require('fs');

const LINES_PER_FAILURE = 40;
const MAX_LINES = 240;
// eslint-disable-next-line no-control-regex
const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');
const head = (text) => plain(text).split('\n').slice(0, LINES_PER_FAILURE).map((line) => `    ${line}`);

const out = [];
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) continue;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const suite of report.testResults) {
    const seen = new Set();
    const failed = suite.assertionResults.filter((test) => test.status === 'failed');
    if (suite.status === 'failed' && failed.length === 0) out.push(`  ${suite.name}: could not run`, ...head(suite.message || ''));
    for (const test of failed) {
      const message = test.failureMessages[0] || '';
      out.push(`  ${suite.name}: ${test.fullName}`);
      if (!seen.has(message)) out.push(...head(message));
      seen.add(message);
    }
  }
}
if (out.length > 0) {
  console.log('failures:');
  console.log(out.slice(0, MAX_LINES).join('\n'));
  if (out.length > MAX_LINES) console.log(`  … ${out.length - MAX_LINES} more lines in the reports`);
}
