// The rules of .dependency-cruiser.cjs applied to test files and test helpers too, except the
// folder-level cycle check: tests may reach into any folder (see that file's header).
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  ...base,
  forbidden: base.forbidden.filter((rule) => rule.scope !== 'folder'),
  options: { ...base.options, exclude: { path: ['^(packages|apps)/[^/]+/dist/'] } },
};
