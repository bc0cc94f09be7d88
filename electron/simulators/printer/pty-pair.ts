import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Two connected pseudo-terminals from socat (`socat -d -d pty,raw,echo=0 pty,raw,echo=0`): what is written
 * to one comes out of the other, like a null-modem cable. Used to test serial printers without hardware.
 */
export interface PtyPair {
  a: string;
  b: string;
  close(): Promise<void>;
}

export function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const paths: string[] = [];
    let err = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`socat did not start: ${err}`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      for (const m of d.toString().matchAll(/PTY is (\S+)/g)) paths.push(m[1]);
      if (paths.length === 2 && /starting data transfer loop/.test(err)) {
        clearTimeout(timer);
        resolve({
          a: paths[0],
          b: paths[1],
          close: () =>
            new Promise<void>((res) => {
              if (child.exitCode !== null) return res();
              child.once('exit', () => res());
              child.kill();
            }),
        });
      }
    });
  });
}
