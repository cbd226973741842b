// One file through TUS with tus-js-client, the client the send page uses, in Node: the same chunk size and,
// if asked, parallel partial uploads joined by a final concatenation. Prints the seconds the upload took.
//
//   node bench/tus-upload.mjs <baseUrl> <fileTransferId> <bearer token> <file> <chunk MiB> <parallel uploads>
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tooling/package.json', import.meta.url));
const tus = require('tus-js-client');

const [base, id, token, file, chunkMiB, parallel] = process.argv.slice(2);
const started = process.hrtime.bigint();
await new Promise((resolve, reject) => {
  new tus.Upload(createReadStream(file), {
    endpoint: `${base}/broker/api/v1/filetransfer/upload/tus/${id}`,
    chunkSize: Number(chunkMiB) * 1024 * 1024,
    parallelUploads: Number(parallel),
    headers: { Authorization: `Bearer ${token}` },
    metadata: { filename: 'bench.bin', fileTransferId: id },
    retryDelays: [],
    onError: reject,
    onSuccess: resolve,
  }).start();
});
console.log(`seconds=${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)}`);
