// Checks the system packages the test suite relies on and installs missing ones
// with apt-get when running as root on Debian.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const NOTO_CJK_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

const REQUIREMENTS = {
  postgresql: {
    label: 'PostgreSQL 15',
    debianPackage: 'postgresql-15',
    isPresent: () => existsSync(`${PG_BIN}/initdb`) && existsSync(`${PG_BIN}/postgres`),
  },
  chromium: {
    label: 'Chromium',
    debianPackage: 'chromium',
    isPresent: () => existsSync('/usr/bin/chromium'),
  },
  fonts: {
    label: 'Noto CJK fonts',
    debianPackage: 'fonts-noto-cjk',
    isPresent: hasNotoCjkFont,
  },
  poppler: {
    label: 'poppler-utils',
    debianPackage: 'poppler-utils',
    isPresent: () => existsSync('/usr/bin/pdftotext'),
  },
};

export const SYSTEM_REQUIREMENTS = Object.keys(REQUIREMENTS);

function hasNotoCjkFont() {
  if (existsSync(NOTO_CJK_FILE)) return true;
  const result = spawnSync('fc-list', { encoding: 'utf8' });
  return result.status === 0 && /noto sans cjk/i.test(result.stdout);
}

function findMissing(need) {
  return need.filter((name) => !REQUIREMENTS[name].isPresent());
}

function joinWords(words) {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function canInstallWithApt() {
  return (
    existsSync('/etc/debian_version') &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0
  );
}

/**
 * Makes sure the given system requirements are installed, installing them with apt-get
 * when possible. Exits the process with code 1 when something is still missing.
 *
 * @param {{ need?: string[] }} [options] names from SYSTEM_REQUIREMENTS; all by default
 */
export function ensureSystemPackages({ need = SYSTEM_REQUIREMENTS } = {}) {
  for (const name of need) {
    if (!(name in REQUIREMENTS)) throw new Error(`Unknown system requirement: ${name}`);
  }

  let missing = findMissing(need);
  if (missing.length === 0) return;

  if (canInstallWithApt()) {
    const packages = missing.map((name) => REQUIREMENTS[name].debianPackage);
    console.error(`Installing missing system packages: ${packages.join(' ')}`);
    if (
      run('apt-get', ['update']) &&
      run('apt-get', ['install', '-y', '--no-install-recommends', ...packages])
    ) {
      missing = findMissing(need);
      if (missing.length === 0) return;
    }
  }

  const labels = joinWords(missing.map((name) => REQUIREMENTS[name].label));
  const packages = missing.map((name) => REQUIREMENTS[name].debianPackage).join(' ');
  console.error(`Qingfeng's tests need ${labels}: run \`sudo apt-get install ${packages}\`.`);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureSystemPackages();
}
