#!/usr/bin/env node
// Spreadsheet import at scale: a village cadre uploads the county's template for fund
// movements (资金收支) filled with N rows (100,000 by default), into a generated county.
//
//   node bench/import.mjs --data-dir <sqlite data dir> [--rows 100000]
//
// Starts the server as `npm start` does on that database, logs in as bench-cadre, downloads
// the template (GET /api/v1/ledger/template), fills it from its own example row, uploads it
// (POST /api/v1/ledger/import, all or nothing), and reports the seconds from the upload to the
// answer, the rows imported and the server's peak RSS. The budget: 100,000 rows ≤ 15 s.
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  BenchError,
  commandLine,
  HOST,
  launchServer,
  login,
  mb,
  runBench,
  serverEnv,
  stopServer,
  tempDir,
} from './lib.mjs';

const USAGE =
  'usage: node bench/import.mjs --data-dir <sqlite data dir> [--rows 100000] ' +
  '[--login bench-cadre --village 339950101201]';
const BUDGET_S = 15;

function options() {
  const values = commandLine(
    {
      'data-dir': { type: 'string' },
      rows: { type: 'string', default: '100000' },
      login: { type: 'string', default: 'bench-cadre' },
      village: { type: 'string', default: '339950101201' },
    },
    USAGE,
  );
  const rows = Number(values.rows);
  if (!values['data-dir'] || !Number.isInteger(rows) || rows < 1) throw new BenchError(USAGE);
  return {
    dataDir: path.resolve(values['data-dir']),
    rows,
    username: values.login,
    village: values.village,
  };
}

async function filledTemplate(port, session, rows, village) {
  const response = await fetch(
    `http://${HOST}:${port}/api/v1/ledger/template?regionCode=${village}&kind=fund`,
    { headers: { cookie: session.cookie } },
  );
  if (response.status !== 200) throw new BenchError(`template: ${response.status}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  const sheet = book.worksheets[0];
  const example = sheet.getRow(2).values.slice(1);
  sheet.spliceRows(2, 1);
  for (let n = 1; n <= rows; n++) {
    const day = String(1 + (n % 28)).padStart(2, '0');
    const month = String(1 + (n % 10)).padStart(2, '0');
    sheet.addRow([
      `支付保洁员工资（导入第${n}笔）`,
      String(100 + (n % 5_000)),
      `2026-${month}-${day}`,
      ...example.slice(3),
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function multipart(fields, file) {
  const boundary = `qfbench${Date.now()}`;
  const part = (name, value) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => part(k, v)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.xlsx"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

async function main() {
  const { dataDir, rows, username, village } = options();
  const workDir = tempDir('qingfeng-bench-import-');
  const { server, port, rss } = await launchServer('server', {
    env: (p) => serverEnv(dataDir, p, undefined, { QF_DEMO: '0', QF_UPLOAD_LIMIT_MB: '200' }),
    logFile: path.join(workDir, 'server.log'),
    profileAs: 'import',
  });
  const session = await login(port, username);
  const file = await filledTemplate(port, session, rows, village);
  console.log(
    `template filled with ${rows.toLocaleString('en-US')} rows: ${(file.length / 1e6).toFixed(1)} MB`,
  );
  const { body, type } = multipart({ regionCode: village, kind: 'fund', mode: 'all' }, file);
  rss.mark();
  const started = performance.now();
  const response = await fetch(`http://${HOST}:${port}/api/v1/ledger/import`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': type },
    body,
  });
  const seconds = (performance.now() - started) / 1000;
  const report = await response.json();
  const peakRssMb = mb(rss.stop());
  await stopServer(server);
  console.log(
    `import: ${response.status}, ${report.imported?.toLocaleString('en-US')} of ` +
      `${report.total?.toLocaleString('en-US')} rows imported, ${report.problems?.length ?? '?'} problems, ` +
      `${seconds.toFixed(1)} s (budget ≤ ${BUDGET_S} s ${seconds <= BUDGET_S ? '✓' : '✗'}), ` +
      `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, server peak RSS ${peakRssMb.toFixed(0)} MB`,
  );
  if (response.status !== 200 || report.imported !== rows) {
    throw new BenchError(`import did not take every row: ${JSON.stringify(report).slice(0, 500)}`);
  }
}

await runBench(main, 30 * 60_000);
