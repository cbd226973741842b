// Uploads one file with tus-js-client, as a Node sender would: node tus-upload.cjs <endpoint> <token> <file> <chunkSize|0> <parallelUploads>
// Prints the upload URL on success; on failure prints the error (with the server's answer) and exits 1.
const tus = require('tus-js-client');
const fs = require('fs');

const [endpoint, token, file, chunkSize, parallelUploads] = process.argv.slice(2);
const options = {
  endpoint,
  headers: { Authorization: 'Bearer ' + token },
  retryDelays: null,
  storeFingerprintForResuming: false,
  parallelUploads: Number(parallelUploads || 1),
  onError(error) {
    console.error('upload failed: ' + error);
    process.exit(1);
  },
  onSuccess() {
    console.log(upload.url);
  },
};
if (Number(chunkSize) > 0) {
  options.chunkSize = Number(chunkSize);
}
const upload = new tus.Upload(fs.createReadStream(file), options);
upload.start();
