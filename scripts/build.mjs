#!/usr/bin/env node
// Build what is out of date: the server (tsc → dist/server) and the web app (vite → dist/web).
// `--force` rebuilds both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function newest(entries) {
  let latest = 0;
  for (const entry of entries) {
    const full = path.join(root, entry);
    if (!existsSync(full)) continue;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      latest = Math.max(latest, newest(readdirSync(full).map((name) => path.join(entry, name))));
    } else {
      latest = Math.max(latest, stat.mtimeMs);
    }
  }
  return latest;
}

function mtime(file) {
  const full = path.join(root, file);
  return existsSync(full) ? statSync(full).mtimeMs : 0;
}

function run(label, stamp, command, args) {
  console.log(`qingfeng: building ${label} …`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`qingfeng: the build of ${label} failed`);
    process.exit(result.status ?? 1);
  }
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, stamp), new Date().toISOString() + '\n');
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const sharedInputs = ['src/shared', 'package.json', 'tsconfig.json'];

// Each build leaves a stamp; it is redone when any input is newer than its stamp.
if (
  force ||
  newest(['src/server', 'tsconfig.build.json', ...sharedInputs]) > mtime('dist/.server-built')
) {
  run('the server', 'dist/.server-built', bin('tsc'), ['-p', 'tsconfig.build.json']);
}
if (
  force ||
  newest(['src/web', 'index.html', 'vite.config.ts', 'public', ...sharedInputs]) >
    mtime('dist/.web-built')
) {
  run('the web app', 'dist/.web-built', bin('vite'), ['build', '--logLevel', 'warn']);
}
