// `npm test`: checks system packages, builds the web app when needed, then runs vitest.
// Extra arguments are passed to `vitest run`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const webIndex = join(root, 'dist/web/index.html');
const webInputs = ['index.html', 'vite.config.ts', 'public', 'src/web', 'src/shared'];

/** Latest modification time of a file or of any file below a folder (0 if missing). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function webBuildIsStale() {
  if (!existsSync(webIndex)) return true;
  const builtAt = statSync(webIndex).mtimeMs;
  return webInputs.some((input) => newestMtime(join(root, input)) > builtAt);
}

/** Runs a command with inherited stdio and resolves with its exit code. */
function run(command, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    // Ctrl-C already reaches the child through the terminal; only forward SIGTERM.
    const onSigint = () => {};
    const onSigterm = () => child.kill('SIGTERM');
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

ensureSystemPackages();

if (webBuildIsStale()) {
  const code = await run(process.execPath, [join(root, 'scripts/build.mjs')]);
  if (code !== 0) {
    console.error(`The web build failed (exit code ${code}); not running the tests.`);
    process.exit(code);
  }
}

process.exit(await run(join(root, 'node_modules/.bin/vitest'), ['run', ...process.argv.slice(2)]));
