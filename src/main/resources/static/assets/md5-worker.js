// The send page's checksum: MD5 of a file read in chunks off the page's thread (spark-md5 from npm, served from
// the jar), so a large file does not freeze the page. Posts {progress: bytes} while reading, then {md5: hex}.
importScripts('md5/spark-md5.min.js');
self.onmessage = function (e) {
  var file = e.data.file;
  var chunk = e.data.chunk;
  var md5 = new self.SparkMD5.ArrayBuffer();
  var reader = new FileReaderSync();
  for (var offset = 0; offset < file.size; offset += chunk) {
    md5.append(reader.readAsArrayBuffer(file.slice(offset, offset + chunk)));
    self.postMessage({ progress: Math.min(offset + chunk, file.size) });
  }
  self.postMessage({ md5: md5.end() });
};
