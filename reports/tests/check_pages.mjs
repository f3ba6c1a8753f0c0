// Opens every page of the built report site in headless Chromium (the Debian package, driven by
// playwright-core; no browser is ever downloaded) and fails on anything a reader should not see:
// a console error, an uncaught page error, a failed request, a query error or empty-data box, a
// value still loading after the page settled, or a chart that drew nothing. Keeps a full-page
// screenshot of every page.
//
//   node tests/check_pages.mjs [--build build] [--screenshots screenshots] [--chromium /usr/bin/chromium]
//                              [--concurrency 3]
//
// Exit code 0 when every page is clean; otherwise one line per problem and exit code 1.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(
	process.argv
		.slice(2)
		.join(' ')
		.split('--')
		.filter(Boolean)
		.map((pair) => pair.trim().split(/\s+/))
);
const buildDir = resolve(args.build ?? 'build');
const shotDir = resolve(args.screenshots ?? 'screenshots');
const executablePath = args.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const settleMs = Number(process.env.REPORT_SETTLE_TIMEOUT_MS ?? 90000);
const concurrency = Number(args.concurrency ?? process.env.REPORT_CHECK_CONCURRENCY ?? 3);

if (!existsSync(join(buildDir, 'index.html'))) {
	console.error(`check_pages: no built site in ${buildDir}; run \`make reports\` first`);
	process.exit(2);
}
if (!existsSync(executablePath)) {
	console.error(`check_pages: Chromium not found at ${executablePath}; run \`make setup\` (installs Debian's chromium)`);
	process.exit(2);
}

// Every prerendered page: each index.html / *.html outside the asset and data folders.
function findPages(dir) {
	const pages = [];
	for (const entry of readdirSync(dir)) {
		const full = join(dir, entry);
		const rel = relative(buildDir, full);
		if (['_app', 'data', 'api'].includes(rel.split(sep)[0])) continue;
		if (statSync(full).isDirectory()) pages.push(...findPages(full));
		else if (entry.endsWith('.html')) {
			let route = '/' + rel.replace(/\\/g, '/').replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '');
			pages.push(route.replace(/\/$/, '') || '/');
		}
	}
	return pages.sort();
}

const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.parquet': 'application/octet-stream',
	'.arrow': 'application/octet-stream',
	'.woff2': 'font/woff2'
};

// A static server like the ones the site is meant to be served with (`npx serve`, nginx).
const server = createServer((req, res) => {
	const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
	const base = normalize(join(buildDir, path));
	if (!base.startsWith(buildDir)) {
		res.writeHead(403).end();
		return;
	}
	const candidates = [base, join(base, 'index.html'), base + '.html'];
	const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
	if (!file) {
		res.writeHead(404).end('not found');
		return;
	}
	res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
	res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const userDataDir = mkdtempSync(join(tmpdir(), 'scw-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
	executablePath,
	headless: true,
	viewport: { width: 1400, height: 1000 },
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
});

const problems = [];
const pages = findPages(buildDir);
mkdirSync(shotDir, { recursive: true });
console.log(`check_pages: ${pages.length} pages in ${relative(process.cwd(), buildDir) || '.'}`);

// Pages are checked a few at a time: most of a page's time is spent waiting for its queries.
async function checkPage(route) {
	const page = await context.newPage();
	const issues = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') issues.push(`console error: ${msg.text().slice(0, 300)}`);
	});
	page.on('pageerror', (err) => issues.push(`page error: ${String(err).slice(0, 300)}`));
	page.on('requestfailed', (req) => {
		const url = req.url();
		if (req.failure()?.errorText === 'net::ERR_ABORTED' && url.startsWith(origin)) return; // Evidence cancels its own prerendered-result fetches
		issues.push(`request failed: ${url.startsWith(origin) ? url.slice(origin.length) : url} (${req.failure()?.errorText})`);
	});
	page.on('response', (resp) => {
		if (resp.status() >= 400) issues.push(`HTTP ${resp.status()}: ${resp.url().replace(origin, '')}`);
	});
	try {
		await page.goto(origin + route, { waitUntil: 'networkidle', timeout: settleMs });
		// Evidence queries run in the browser's DuckDB after load: wait until nothing is loading.
		await page
			.waitForFunction(
				() =>
					!document.querySelector('[role="status"], .animate-pulse') &&
					!/Loading\.\.\./.test(document.querySelector('article, main, body')?.innerText ?? ''),
				null,
				{ timeout: settleMs, polling: 250 }
			)
			.catch(() => issues.push('still loading after the page settled'));
		await page.waitForTimeout(500);
		const found = await page.evaluate(() => {
			const out = [];
			const text = document.body.innerText;
			for (const pattern of [
				/Error in [^\n]*/g,
				/Dataset is empty[^\n]*/g,
				/No Records/g,
				/Catalog Error[^\n]*/g,
				/Binder Error[^\n]*/g,
				/Parser Error[^\n]*/g,
				/\bundefined\b|\bNaN\b/g
			]) {
				for (const m of text.match(pattern) ?? []) out.push(`shows "${m.slice(0, 200)}"`);
			}
			for (const el of document.querySelectorAll('.bg-negative\\/10, .error-msg')) {
				out.push(`error box: ${el.innerText.slice(0, 200).replace(/\s+/g, ' ')}`);
			}
			// Every chart must have drawn something: an ECharts container with a non-empty canvas/svg.
			document.querySelectorAll('[_echarts_instance_]').forEach((el, i) => {
				const r = el.getBoundingClientRect();
				const drawn = el.querySelector('canvas, svg');
				if (!drawn || r.width < 10 || r.height < 10) out.push(`chart ${i + 1} drew nothing`);
			});
			const title = document.querySelector('h1')?.innerText ?? '';
			if (!title) out.push('page has no title (h1)');
			return out;
		});
		issues.push(...found);
		const slug = route === '/' ? 'index' : route.slice(1).replace(/\//g, '__');
		await page.screenshot({ path: join(shotDir, `${slug}.png`), fullPage: true });
	} catch (err) {
		issues.push(`could not open: ${String(err).split('\n')[0]}`);
	}
	const unique = [...new Set(issues)];
	console.log(`  ${unique.length ? 'FAIL' : 'ok  '} ${route}`);
	for (const issue of unique) problems.push(`${route}: ${issue}`);
	await page.close();
}

const queue = [...pages];
const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
	while (queue.length) await checkPage(queue.shift());
});
await Promise.all(workers);

await context.close();
server.close();
rmSync(userDataDir, { recursive: true, force: true });

if (problems.length) {
	console.error(`check_pages: ${problems.length} problem(s):`);
	for (const p of problems) console.error(`  ${p}`);
	process.exit(1);
}
console.log(`check_pages: all ${pages.length} pages clean; screenshots in ${relative(process.cwd(), shotDir)}`);
