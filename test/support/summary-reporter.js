// Closes the run with one plain line CI can read, and names every skipped
// test with the reason its title gives, so a skip is never mistaken for a pass.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
          skipped.push(test.ancestorTitles.concat(test.title).join(' › '));
        }
      }
    }
    const reasons = [...new Set(skipped.map((t) => t.split(' › ')[0]))];
    if (skipped.length > 0) {
      process.stdout.write(`\nSkipped suites (${skipped.length} tests):\n`);
      for (const reason of reasons) process.stdout.write(`  - ${reason}\n`);
    }
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
