// Preloaded with `node --import` into a child process: at exit, its peak resident set size
// (process.resourceUsage().maxRSS, in kilobytes) goes to stderr as `max-rss-kb=N`, so a test
// can hold a command to a memory bound without /usr/bin/time.
process.on('exit', () => {
  process.stderr.write(`\nmax-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
