import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A redis-server started for one test file. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` (`rediss://` with TLS), with the password when one is required. */
  url: string;
  /** With TLS: the server's self-signed certificate, for NODE_EXTRA_CA_CERTS. */
  certificateFile?: string;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** Why tests that need Redis are skipped here, or undefined when `redis-server` is installed. */
export function redisServerMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0
    ? undefined
    : 'redis-server is not installed (Debian: apt-get install redis-server)';
}

/** Why TLS tests are skipped here (no openssl to make a certificate), or undefined. */
export function opensslMissing(): string | undefined {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0 ? undefined : 'openssl is not installed';
}

/** A self-signed certificate for 127.0.0.1 in `dir`; returns its certificate and key files. */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'server.crt');
  const key = join(dir, 'server.key');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ].concat(['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert]),
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a certificate:\n${made.stderr}`);
  return { cert, key };
}

/** A loopback port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts a real `redis-server` on a free loopback port in a temporary directory, without
 * persistence, optionally with `--requirepass` and TLS only (a self-signed certificate);
 * resolves once it accepts connections.
 */
export async function startRedisServer(
  options: { password?: string; tls?: boolean } = {},
): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'fashion-lab-redis-'));
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  let certificateFile: string | undefined;
  if (options.tls === true) {
    const { cert, key } = selfSignedCertificate(dir);
    certificateFile = cert;
    args.push('--port', '0', '--tls-port', String(port), '--tls-cert-file', cert);
    args.push('--tls-key-file', key, '--tls-ca-cert-file', cert, '--tls-auth-clients', 'no');
  } else {
    args.push('--port', String(port));
  }
  if (options.password !== undefined) args.push('--requirepass', options.password);
  const server = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) resolve();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  return {
    port,
    url: `${options.tls === true ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}`,
    ...(certificateFile !== undefined ? { certificateFile } : {}),
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
