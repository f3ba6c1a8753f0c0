// postinstall: two fixes to @evidence-dev/universal-sql for this project.
//
// 1. Tolerate two settings that DuckDB 0.9.1 does not know.
// The npm `overrides` pin @duckdb/duckdb-wasm to 1.28.0 (the last release with parquet built in; newer
// ones fetch the extension from the internet at run time and hang offline, duckdb-wasm issue 2252).
// That is DuckDB 0.9.1, which rejects `SET ieee_floating_point_ops` and `SET old_implicit_casting`,
// both issued by universal-sql at connect time. Wrapping them in try/catch keeps every other
// statement as it is.
//
// 2. Write a mart with no rows as an empty, typed Parquet file. Stock `evidence sources` writes no
// file for an empty result but still lists it, and the build then fails on the missing file. A
// mart can be legitimately empty (at the test scale, no brand has enough days for the sentiment
// lag analysis); the page says so in words, and the query must still run.
//
// Idempotent; fails loudly if a file no longer looks as expected.
const fs = require('node:fs');
const path = require('node:path');

const settings = ['ieee_floating_point_ops = false', 'old_implicit_casting = true'];
const root = path.join(__dirname, '..', 'node_modules', '@evidence-dev', 'universal-sql', 'src', 'client-duckdb');

for (const name of ['browser.js', 'node.js']) {
	const file = path.join(root, name);
	if (!fs.existsSync(file)) {
		console.error(`patch-universal-sql: ${file} not found; run npm install in reports/ first`);
		process.exit(1);
	}
	let text = fs.readFileSync(file, 'utf8');
	for (const setting of settings) {
		const statement = `await connection.query('SET ${setting};');`;
		const patched = `try { ${statement} } catch (e) { /* not a setting of DuckDB 0.9.1 */ }`;
		if (text.includes(patched)) continue;
		if (!text.includes(statement)) {
			console.error(`patch-universal-sql: "${statement}" not found in ${file}; check the pins in reports/package.json`);
			process.exit(1);
		}
		text = text.replace(statement, patched);
	}
	fs.writeFileSync(file, text);
}
function patch(file, from, to) {
	let text = fs.readFileSync(file, 'utf8');
	if (text.includes(to)) return;
	if (!text.includes(from)) {
		console.error(`patch-universal-sql: "${from}" not found in ${file}; check the pins in reports/package.json`);
		process.exit(1);
	}
	fs.writeFileSync(file, text.replace(from, to));
}

patch(
	path.join(root, '..', 'build-parquet.js'),
	'if (currentBatch.length) await flush(currentBatch);',
	'if (currentBatch.length || !tmpFilenames.length) await flush(currentBatch); // empty result: empty typed file'
);
console.log('patch-universal-sql: DuckDB 0.9.1 settings made optional; empty results written as empty files');
