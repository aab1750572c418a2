// Sums jest JSON reports into the one plain line every test command ends with:
// "N passed, M failed". A report that is missing (its suite never ran) counts as one failure,
// and so does a suite that could not run (it threw while loading: no failed test of its own).
// Usage: node scripts/lib/sum-reports.js report.json...
const fs = require('fs');

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const broken = report.testResults.filter((s) => s.status === 'failed' && !s.assertionResults.some((a) => a.status === 'failed')).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + broken;
}
console.log(`${passed} passed, ${failed} failed`);
