import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** `balcao sim glory` as its own process, answering a hand-written SOAP request over a real socket. */
describe('balcao sim glory (standalone process)', () => {
  let child: ChildProcess;
  let info: { soapPort: number; controlUrl: string };

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ['electron/cli/balcao.mjs', 'sim', 'glory', '--soap-port', '0', '--control-port', '0'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const rl = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    info = await new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
      rl.once('line', (line) => resolve(JSON.parse(line) as typeof info));
    });
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('answers GetStatus (SOAPAction: GetStatus) with result="0"', async () => {
    const body =
      '<?xml version="1.0" encoding="utf-8"?>' +
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:bru="http://www.glory.co.jp/bruebox.xsd">' +
      '<soapenv:Header/><soapenv:Body><bru:StatusRequest><bru:Id>manual</bru:Id><bru:SeqNo>00000000001</bru:SeqNo>' +
      '<bru:Option bru:type="0"/></bru:StatusRequest></soapenv:Body></soapenv:Envelope>';
    const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: info.soapPort,
          path: '/axis2/services/BrueBoxService',
          method: 'POST',
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            SOAPAction: 'GetStatus',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/<n:StatusResponse [^>]*n:result="0"/);
    expect(reply.text).toMatch(/<Status><n:Code>1<\/n:Code>/);
    expect(reply.text).toContain('<n:SeqNo>00000000001</n:SeqNo>');
  });

  it('serves the control API (inventory in cents per denomination)', async () => {
    const inv = (await (await fetch(`${info.controlUrl}/control/inventory`)).json()) as {
      denominations: { fv: number; devid: number }[];
      totalCents: number;
    };
    expect(inv.denominations.find((d) => d.fv === 2000)?.devid).toBe(1);
    expect(inv.denominations.find((d) => d.fv === 200)?.devid).toBe(2);
    expect(Number.isInteger(inv.totalCents)).toBe(true);
  });
});
