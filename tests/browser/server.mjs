// Starts a real Hongyan server on a fresh database for the browser tests:
// `hongyan init` (which prints the one-time passwords of the three
// administrators, SEC-05), `hongyan user add` of the district account that
// does the business work (quwei01), then `hongyan serve` on a free loopback
// port, until stop().
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.resolve(ROOT, process.env.HONGYAN_BIN ?? 'build/hongyan');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, proc, output, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`hongyan serve exited (${proc.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`hongyan serve not healthy after ${timeoutMs} ms:\n${output()}`);
}

function waitExit(proc, timeoutMs) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The district account that does the tests' business work (SEC-05 keeps the administrators out). */
export const DISTRICT_USER = 'quwei01';

/** The password on the line "<user> password: …" (or "password: …" without `user`) of `stdout`. */
function passwordOf(stdout, user) {
  const found = new RegExp(`^${user ? `${user} ` : ''}password: (\\S+)$`, 'm').exec(stdout)?.[1];
  if (!found) throw new Error(`no ${user} password in 'hongyan' output:\n${stdout}`);
  return found;
}

/**
 * Returns { url, adminPassword, secadminPassword, auditadminPassword,
 * districtPassword, output(), stop(), dir } for a server on a new
 * database; with `dir` (of an earlier server stopped with { keep: true }) it
 * serves that database again, and `today` fixes the date (`--today`).
 */
export async function startServer({ dir: reuse, today } = {}) {
  const dir = reuse ?? await mkdtemp(path.join(tmpdir(), 'hongyan-browser-'));
  const db = path.join(dir, 't.db');
  const passwords = {};
  if (!reuse) {
    const run = promisify(execFile);
    const { stdout } = await run(BIN, ['init', '--db', db], { cwd: ROOT });
    passwords.adminPassword = passwordOf(stdout, 'admin');
    passwords.secadminPassword = passwordOf(stdout, 'secadmin');
    passwords.auditadminPassword = passwordOf(stdout, 'auditadmin');
    const added = await run(BIN, ['user', 'add', '--db', db, '--username', DISTRICT_USER, '--role', 'district'],
      { cwd: ROOT });
    passwords.districtPassword = passwordOf(added.stdout, '');
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web', path.join(ROOT, 'web'),
    ...(today ? ['--today', today] : [])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const output = () => log;

  async function stop({ keep = false } = {}) {
    proc.kill('SIGTERM');
    if (!(await waitExit(proc, 10000))) {
      proc.kill('SIGKILL');
      await waitExit(proc, 5000);
    }
    if (!keep) await rm(dir, { recursive: true, force: true });
    return proc.exitCode;
  }

  try {
    await waitHealthy(url, proc, output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, ...passwords, output, stop, dir };
}
