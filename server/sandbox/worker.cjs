// The worker threads' entry (piscina loads it by file name): it registers tsx, which compiles the
// TypeScript jobs the same way under `npm start` and under jest (whose transformer does not reach
// into worker threads), then hands over to jobs.ts.
/* eslint-disable @typescript-eslint/no-require-imports */
require('tsx/cjs/api').register();
module.exports = require('./jobs.ts');
