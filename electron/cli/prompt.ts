import { createInterface } from 'node:readline';

/** Reads a secret from a terminal without echoing it. */
export function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      reject(new Error('No terminal to ask for the passphrase: use --passphrase-stdin or --passphrase-command.'));
      return;
    }
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('Cancelled.'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** Reads the first line of standard input (for scripts: `--passphrase-stdin`). */
export async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new Error('Standard input was empty: expected the passphrase on its first line.');
}

/** A new passphrase: typed twice on a terminal, or one line on stdin for scripts. */
export async function newPassphrase(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readFirstLine();
  const first = await askHidden('New passphrase: ');
  if (first.length === 0) throw new Error('The passphrase must not be empty.');
  const second = await askHidden('Repeat the passphrase: ');
  if (first !== second) throw new Error('The two passphrases differ; nothing was changed.');
  return first;
}
