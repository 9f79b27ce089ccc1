// Runs the mocha suite once the workbench has started, if the environment asks for it.
const path = require('node:path');
exports.activate = function activate() {
  const results = process.env.AIOLINT_INTEGRATION_RESULTS;
  const repoRoot = process.env.AIOLINT_REPO_ROOT;
  if (!results || !repoRoot) return;
  const out = path.join(repoRoot, 'out', 'integration');
  const runner = require(path.join(out, 'index.js'));
  runner.run(repoRoot, path.join(out, 'extension.test.js'), results).catch((error) => {
    require('node:fs').writeFileSync(results, JSON.stringify({ failures: 1, results: [{ title: 'runner', state: 'failed', error: String(error) }] }));
  });
};
exports.deactivate = function deactivate() {};
