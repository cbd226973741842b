// The send page: creates one transfer per file, then uploads it with TUS (resumable; survives a reload when the
// same file is chosen again, since the transfer id is remembered in localStorage per file).
(function () {
  'use strict';
  var form = document.getElementById('send-form');
  if (!form) { return; }
  var d = form.dataset;
  var csrf = document.querySelector('meta[name="_csrf"]').content;
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]').content;
  var list = document.getElementById('uploads');
  var problem = document.getElementById('send-problem');
  var input = document.getElementById('files');
  var dropzone = document.getElementById('dropzone');
  var CHUNK = 5 * 1024 * 1024;
  // Files up to this size get their MD5 computed here and sent as the transfer's checksum (the server verifies it);
  // bigger ones show the server's MD5 afterwards.
  var MD5_LIMIT = 100 * 1024 * 1024;
  var MD5_CHUNK = 4 * 1024 * 1024;
  var PENDING = 'formidling.upload.';
  var chosen = [];

  document.getElementById('resource').addEventListener('change', function (e) {
    window.location.search = '?resource=' + encodeURIComponent(e.target.value);
  });
  input.addEventListener('change', function () { chosen = Array.prototype.slice.call(input.files); showChosen(); });
  ['dragenter', 'dragover'].forEach(function (type) {
    dropzone.addEventListener(type, function (e) { e.preventDefault(); dropzone.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    dropzone.addEventListener(type, function (e) { e.preventDefault(); dropzone.classList.remove('over'); });
  });
  dropzone.addEventListener('drop', function (e) { chosen = Array.prototype.slice.call(e.dataTransfer.files); showChosen(); });

  // The hint names the chosen files, or says again how to choose when none are.
  function showChosen() {
    document.getElementById('files-hint').textContent = chosen.length
      ? chosen.map(function (f) { return f.name; }).join(', ') : d.msgDropHint;
  }

  function say(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d+)\}/g, function (m, i) { return args[i]; });
  }

  function mib(bytes) { return (bytes / 1048576).toFixed(1) + ' MiB'; }

  function pendingKey(file, resource, recipients) {
    return PENDING + [resource, recipients.join('+'), file.name, file.size, file.lastModified].join('|');
  }

  document.getElementById('send').addEventListener('click', function () {
    say('');
    var recipients = Array.prototype.slice.call(form.querySelectorAll('input[name="recipients"]:checked')).map(function (c) { return c.value; });
    if (!chosen.length) { say(d.msgChoose); return; }
    var resource = document.getElementById('resource').value;
    var reference = document.getElementById('reference').value;
    chosen.forEach(function (file) { send(file, resource, recipients, reference); });
    // The picker starts empty again, so the next choice sends only the files chosen then.
    chosen = [];
    input.value = '';
    showChosen();
  });

  function row(file) {
    var li = document.createElement('li');
    li.className = 'upload';
    li.dataset.file = file.name;
    var name = document.createElement('span');
    name.className = 'filename';
    name.textContent = file.name;
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', file.name);
    var text = document.createElement('span');
    text.className = 'progress-text';
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary cancel-upload';
    cancel.textContent = d.msgCancel;
    cancel.setAttribute('aria-label', d.msgCancel + ': ' + file.name);
    var result = document.createElement('span');
    result.className = 'result';
    li.append(name, bar, text, cancel, result);
    list.appendChild(li);
    return { li: li, bar: bar, text: text, cancel: cancel, result: result };
  }

  function post(url, params) {
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    headers[csrfHeader] = csrf;
    return fetch(url, { method: 'POST', headers: headers, body: params, credentials: 'same-origin' });
  }

  // What is remembered of an upload a reload may cut off: its transfer and the MD5 the browser sent with it.
  function remembered(key) {
    var value = window.localStorage.getItem(key);
    if (!value) { return null; }
    try { return JSON.parse(value); } catch (plainId) { return { id: value }; }
  }

  function send(file, resource, recipients, reference) {
    var ui = row(file);
    var key = pendingKey(file, resource, recipients);
    var existing = remembered(key);
    Array.prototype.forEach.call(list.querySelectorAll('li.interrupted'), function (notice) {
      if (notice.dataset.key === key) { notice.remove(); }
    });
    if (existing && existing.md5) { ui.li.dataset.md5 = existing.md5; }
    var created = existing ? Promise.resolve(existing.id) : checksum(file, ui).then(function (md5) {
      var params = new URLSearchParams();
      params.append('resource', resource);
      params.append('fileName', file.name);
      params.append('reference', reference);
      if (md5) {
        params.append('checksum', md5);
        ui.li.dataset.md5 = md5;
      }
      recipients.forEach(function (r) { params.append('recipients', r); });
      return post(d.initialize, params).then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) { throw new Error(body.error); }
          window.localStorage.setItem(key, JSON.stringify({ id: body.fileTransferId, md5: md5 }));
          return body.fileTransferId;
        });
      });
    });
    created.then(function (id) {
      ui.li.dataset.transfer = id;
      upload(file, id, key, ui, !!existing);
    }).catch(function (err) {
      ui.result.textContent = err.message;
      ui.result.className = 'result problem';
      ui.cancel.remove();
    });
  }

  // MD5 in a Web Worker for files small enough; resolves null (the server's MD5 is shown later) otherwise.
  function checksum(file, ui) {
    if (file.size > MD5_LIMIT || !window.Worker) { return Promise.resolve(null); }
    return new Promise(function (resolve) {
      var worker = new Worker(d.md5Worker);
      worker.onmessage = function (e) {
        if (e.data.md5) {
          worker.terminate();
          resolve(e.data.md5);
        } else {
          var percent = file.size ? Math.floor(e.data.progress * 100 / file.size) : 100;
          ui.text.textContent = format(d.msgHashing, percent);
        }
      };
      worker.onerror = function () { worker.terminate(); resolve(null); };
      worker.postMessage({ file: file, chunk: MD5_CHUNK });
    });
  }

  function upload(file, id, key, ui, resuming) {
    var started = Date.now();
    var startOffset = null;
    var interrupted = false;
    // A dropped connection: say so; the first progress after it shows where the upload continued from.
    function connectionLost(message) {
      interrupted = true;
      ui.li.dataset.interrupted = 'true';
      ui.text.textContent = message;
    }
    var upload = new tus.Upload(file, {
      endpoint: d.tusPath + id,
      chunkSize: CHUNK,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file.name, filetype: file.type || 'application/octet-stream', fileTransferId: id },
      onBeforeRequest: function (req) { req.setHeader('Authorization', 'Bearer ' + d.token); },
      onProgress: function (sent, total) {
        var percent = total ? Math.floor(sent * 100 / total) : 100;
        if (startOffset === null) { startOffset = sent; started = Date.now(); ui.li.dataset.startPercent = percent; }
        if (interrupted) {
          interrupted = false;
          startOffset = sent;
          started = Date.now();
          ui.li.dataset.resumePercent = percent;
        }
        var seconds = (Date.now() - started) / 1000;
        var speed = seconds > 0 ? (sent - startOffset) / seconds : 0;
        ui.bar.value = percent;
        ui.li.dataset.percent = percent;
        ui.text.textContent = format(d.msgUploading, mib(sent), mib(total), percent, mib(speed) + '/s');
      },
      // tus retries network failures after the delays above; while the browser is offline it waits for 'online'.
      onShouldRetry: function (err) {
        var status = err.originalResponse ? err.originalResponse.getStatus() : 0;
        var retry = navigator.onLine && (status < 400 || status >= 500 || status === 409 || status === 423);
        if (retry) { connectionLost(d.msgReconnecting); }
        return retry;
      },
      onError: function (err) {
        if (!navigator.onLine) {
          connectionLost(d.msgOffline);
          window.addEventListener('online', function () { upload.start(); }, { once: true });
          return;
        }
        ui.result.textContent = format(d.msgFailed, err && err.message ? err.message.split('\n')[0] : '');
        ui.result.className = 'result problem';
      },
      onSuccess: function () {
        window.localStorage.removeItem(key);
        ui.bar.value = 100;
        ui.li.dataset.percent = 100;
        ui.cancel.remove();
        ui.li.dataset.done = 'true';
        ui.result.textContent = d.msgDone;
        summary(id, ui, 0);
      }
    });
    ui.cancel.addEventListener('click', function () {
      upload.abort(true).catch(function () { /* the cancel below ends the transfer anyway */ }).then(function () {
        var params = new URLSearchParams();
        return post('/app/transfers/' + id + '/cancel', params);
      }).then(function () {
        window.localStorage.removeItem(key);
        ui.result.textContent = d.msgCancelled;
        ui.li.dataset.cancelled = 'true';
        ui.cancel.remove();
      });
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        upload.resumeFromPreviousUpload(previous[0]);
        ui.li.dataset.resumed = 'true';
        ui.result.textContent = d.msgResumed;
      } else if (resuming) {
        ui.li.dataset.resumed = 'true';
      }
      upload.start();
    });
  }

  // After the upload the server checks the bytes; its MD5 is shown when the transfer is published.
  function summary(id, ui, attempt) {
    fetch(d.summary + id, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (res) {
      return res.json();
    }).then(function (t) {
      ui.li.dataset.status = t.status;
      var text = format(d.msgStatus, t.statusText);
      if (t.checksum && ui.li.dataset.md5 === t.checksum) {
        text += ' · ' + format(d.msgMd5Verified, t.checksum);
      } else if (t.checksum) {
        text += ' · ' + format(d.msgMd5, t.checksum);
      }
      ui.result.textContent = text;
      if (t.status !== 'Published' && t.status !== 'Failed' && attempt < 30) {
        window.setTimeout(function () { summary(id, ui, attempt + 1); }, 1000);
      }
    });
  }

  // Uploads cut off by a reload: say which files to choose again to resume them.
  Object.keys(window.localStorage).filter(function (k) { return k.indexOf(PENDING) === 0; }).forEach(function (k) {
    var parts = k.substring(PENDING.length).split('|');
    var li = document.createElement('li');
    li.className = 'upload interrupted';
    li.dataset.key = k;
    li.textContent = format(d.msgInterrupted, parts[2]);
    list.appendChild(li);
  });
})();
