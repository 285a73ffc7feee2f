/**
 * Runs the DeepL peer standalone: `tsx test/peers/deepl/main.ts --port 4200 [--auth-key KEY]
 * [--character-limit N]`. Point the server at it with `DEEPL_SERVER_URL=http://127.0.0.1:4200`.
 */
import { parseArgs } from 'node:util';
import { startDeeplPeer } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4200' },
    host: { type: 'string', default: '127.0.0.1' },
    'auth-key': { type: 'string' },
    'character-limit': { type: 'string' },
  },
});

const peer = await startDeeplPeer({
  port: Number(values.port),
  host: values.host,
  ...(values['auth-key'] !== undefined ? { authKey: values['auth-key'] } : {}),
  ...(values['character-limit'] !== undefined ? { characterLimit: Number(values['character-limit']) } : {}),
});
console.log(
  `DeepL peer listening on ${peer.url} (control: POST ${peer.url}/__control, stats: GET ${peer.url}/__stats)`,
);

const stop = (): void => {
  void peer.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
