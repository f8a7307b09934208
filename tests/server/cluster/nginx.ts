import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../services';

const NGINX = '/usr/sbin/nginx';
/** The load balancer configuration operators use (docs/operations.md, "Three nodes behind nginx"). */
export const NGINX_CONF = resolve(import.meta.dirname, '../../../ops/nginx/firedrill.conf');

/** Why the nginx test cannot run here; undefined when it can. */
export const nginxMissing: string | undefined = existsSync(NGINX) ? undefined : 'nginx is not installed (apt-get install -y nginx; .ci/run does it)';

export interface Nginx {
  url: string;
  /** The error log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Runs nginx in the foreground (stopped by its PID) with ops/nginx/firedrill.conf as shipped, except for what a
 * test must change: the three upstream servers become `ports`, and `listen 80` a free port on 127.0.0.1. Everything
 * nginx writes stays in a temporary prefix.
 */
export async function startNginx(ports: number[]): Promise<Nginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'firedrill-nginx-'));
  chmodSync(prefix, 0o755);
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(prefix, dir));
    // Workers run as nobody when the tests run as root.
    chmodSync(join(prefix, dir), 0o777);
  }
  const port = await freePort();
  const shipped = readFileSync(NGINX_CONF, 'utf8');
  const upstreams = [...shipped.matchAll(/^(\s*server )127\.0\.0\.1:300\d( .*)$/gm)];
  if (upstreams.length !== 3 || !/^\s*listen 80;$/m.test(shipped)) throw new Error(`${NGINX_CONF} no longer has three "server 127.0.0.1:300N" lines and "listen 80;": update this test with it`);
  let n = 0;
  const site = shipped
    .replace(/^(\s*server )127\.0\.0\.1:300\d( .*)$/gm, (_line, head: string, tail: string) => `${head}127.0.0.1:${ports[n++]}${tail}`)
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  writeFileSync(join(prefix, 'firedrill.conf'), site);
  writeFileSync(join(prefix, 'nginx.conf'), `
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${prefix}/firedrill.conf;
}
`);
  const proc: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  proc.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  const log = () => `${stderr.join('')}${existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : ''}`;
  const url = `http://127.0.0.1:${port}`;
  const nginx: Nginx = {
    url, log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null && proc.pid) process.kill(proc.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
  // Ready once it answers (a health check through it reaches a node).
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}:\n${log()}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return nginx;
    if (i > 100) {
      await nginx.stop();
      throw new Error(`nginx did not answer on ${url} within 10 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
