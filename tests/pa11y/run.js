// Runs pa11y (axe and HTML_CodeSniffer, WCAG2AA) on many pages in one Chromium: Debian's /usr/bin/chromium,
// never a downloaded one. Reads {"urls", "widths", "schemes", "parallel"} as JSON on stdin; writes one JSON line
// per page, width and colour scheme with the errors pa11y found.
'use strict';
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function main() {
	const chunks = [];
	for await (const chunk of process.stdin) chunks.push(chunk);
	const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
	});
	const runs = [];
	for (const scheme of job.schemes) {
		for (const width of job.widths) {
			for (const url of job.urls) {
				runs.push({url, width, scheme});
			}
		}
	}
	async function check({url, width, scheme}) {
		const page = await browser.newPage();
		await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
		const result = await pa11y(url, {
			browser,
			page,
			runners: ['axe', 'htmlcs'],
			standard: 'WCAG2AA',
			includeWarnings: false,
			includeNotices: false,
			viewport: {width, height: 900},
			timeout: 60000,
		});
		await page.close();
		const errors = result.issues
			.filter(issue => issue.type === 'error')
			.map(({code, message, selector, runner, runnerExtras}) => ({code, message, selector, runner, review: Boolean(runnerExtras && runnerExtras.needsFurtherReview)}));
		process.stdout.write(JSON.stringify({url, width, scheme, errors}) + '\n');
	}
	// A few pages at once in the one browser: most of a check is waiting for the page and the runners.
	async function worker() {
		while (runs.length) {
			await check(runs.shift());
		}
	}
	try {
		await Promise.all(Array.from({length: job.parallel || 1}, worker));
	} finally {
		await browser.close();
	}
}

main().catch(error => {
	console.error(error);
	process.exit(1);
});
