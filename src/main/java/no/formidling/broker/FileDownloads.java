package no.formidling.broker;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.formidling.storage.BlobStore;
import org.springframework.stereotype.Component;

/** Sends a transfer's bytes with upstream's headers: one optional byte range, zero-copy where the store allows. */
@Component
class FileDownloads {
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");
    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";

    private final BlobStore blobs;

    FileDownloads(BlobStore blobs) {
        this.blobs = blobs;
    }

    record ByteRange(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    void send(FileTransfer t, HttpServletRequest request, HttpServletResponse response) throws IOException {
        long size = t.size();
        ByteRange range = resolve(request.getHeader("Range"), size);
        response.setContentType("application/octet-stream");
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Content-Disposition", contentDisposition(t.fileName()));
        if (range == null) {
            range = new ByteRange(0, size - 1);
            response.setStatus(HttpServletResponse.SC_OK);
        } else {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
        }
        response.setContentLengthLong(range.length());
        if (range.length() == 0) {
            return;
        }
        Optional<Path> file = blobs.localFile(t.blobKey());
        if (file.isPresent() && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            // Tomcat copies the file to the socket in the kernel once this handler returns.
            request.setAttribute("org.apache.tomcat.sendfile.filename", file.get().toAbsolutePath().toString());
            request.setAttribute("org.apache.tomcat.sendfile.start", range.start());
            request.setAttribute("org.apache.tomcat.sendfile.end", range.end() + 1);
            return;
        }
        blobs.read(t.blobKey(), range.start(), range.length(), response.getOutputStream());
    }

    /** The requested range, null for the whole file; malformed or multi-range headers are ignored as upstream does. */
    static ByteRange resolve(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (size <= 0) {
            throw BrokerError.RANGE_NOT_SATISFIABLE.problem();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix <= 0) {
                    throw BrokerError.RANGE_NOT_SATISFIABLE.problem();
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(m.group(1));
            long end = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (start >= size || end < start) {
                throw BrokerError.RANGE_NOT_SATISFIABLE.problem();
            }
            return new ByteRange(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            throw BrokerError.RANGE_NOT_SATISFIABLE.problem();
        }
    }

    /** {@code attachment; filename=...; filename*=UTF-8''...} with an ASCII fallback, as ASP.NET writes it. */
    static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        boolean token = true;
        for (char c : fileName.toCharArray()) {
            char out = c > 0x7e || c < 0x20 ? '_' : c;
            if (out == '"' || out == '\\') {
                ascii.append('\\');
            }
            ascii.append(out);
            if (" \"(),/:;<=>?@[\\]{}".indexOf(out) >= 0) {
                token = false;
            }
        }
        String fallback = token ? ascii.toString() : "\"" + ascii + "\"";
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=" + fallback + "; filename*=UTF-8''" + encoded;
    }
}
