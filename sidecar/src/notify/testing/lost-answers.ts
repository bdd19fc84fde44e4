// Peers that take a message and lose the answer, for the "never re-send after an unknown outcome"
// tests: the recipient has the message, the sender only sees a broken connection.
//   - an HTTP relay in front of a stand-in: forwards the request, lets the stand-in act on it, then
//     cuts the caller's connection instead of passing the answer back;
//   - an SMTP server that takes the whole message after DATA and hangs up instead of saying 250
//     (the first `dropAfterData` times; later sessions are answered normally).
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface AnswerLosingRelay {
  /** Use in place of the target's base URL; paths are kept. */
  url: string;
  /** Requests relayed (and acted on by the target) whose answer was thrown away. */
  lost(): number;
  close(): Promise<void>;
}

/** Relays every request to `targetBaseUrl` and drops the connection once the target has answered. */
export async function startAnswerLosingRelay(targetBaseUrl: string): Promise<AnswerLosingRelay> {
  let lost = 0;
  const server = createHttpServer((req, res) => {
    void relay(req).then(() => {
      lost += 1;
      res.socket?.destroy();
    });
  });
  async function relay(req: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await fetch(`${targetBaseUrl}${req.url ?? '/'}`, {
      method: req.method ?? 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
      body: Buffer.concat(chunks),
    });
    await response.arrayBuffer();
  }
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    lost: () => lost,
    close: () => closeServer(server, () => server.closeAllConnections()),
  };
}

export interface DataDroppingSmtpServer {
  port: number;
  /** Every message body taken after DATA (dropped or answered), in order. */
  messages: string[];
  close(): Promise<void>;
}

/**
 * A minimal SMTP dialogue (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT): enough for nodemailer.
 * The first `dropAfterData` messages are read to the final dot and then the connection is closed
 * without an answer.
 */
export async function startDataDroppingSmtpServer(dropAfterData = 1): Promise<DataDroppingSmtpServer> {
  const messages: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 loopback ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          if (messages.length <= dropAfterData) return void socket.destroy();
          say('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol === -1) return;
        const command = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (command.startsWith('EHLO') || command.startsWith('HELO')) say('250 loopback');
        else if (command.startsWith('DATA')) {
          inData = true;
          say('354 go ahead');
        } else if (command.startsWith('QUIT')) {
          say('221 bye');
          socket.end();
        } else say('250 ok');
      }
    });
  });
  const port = await listen(server);
  return {
    port,
    messages,
    close: () => closeServer(server, () => sockets.forEach((s) => s.destroy())),
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server, dropConnections: () => void): Promise<void> {
  return new Promise<void>((resolve) => {
    dropConnections();
    server.close(() => resolve());
  });
}
