package no.formidling.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * A multipart form read as a stream, one part at a time, in the order the client sent them: a form field is read
 * whole (it is short), a file part is handed over as the socket's own stream, to be consumed before the next part.
 * Nothing is buffered in memory or on disk.
 */
public final class MultipartStream {
    /** The longest form field accepted; files have no such limit here, their store enforces one. */
    public static final int MAX_FIELD_BYTES = 64 * 1024;

    private final FileItemInputIterator parts;

    private MultipartStream(FileItemInputIterator parts) {
        this.parts = parts;
    }

    /** Starts reading the request's body; a body that is not a multipart form fails with an IOException. */
    public static MultipartStream of(HttpServletRequest request) throws IOException {
        return new MultipartStream(new JakartaServletFileUpload<>().getItemIterator(request));
    }

    /** The next part, or null at the end of the form; a field longer than {@link #MAX_FIELD_BYTES} is a 400. */
    public Part next() throws IOException {
        if (!parts.hasNext()) {
            return null;
        }
        FileItemInput part = parts.next();
        if (part.isFormField()) {
            return new Part(part.getFieldName(), null, readField(part), null);
        }
        return new Part(part.getFieldName(), part.getName(), null, part.getInputStream());
    }

    private static String readField(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (bytes.length > MAX_FIELD_BYTES) {
                throw ValidationProblem.of(part.getFieldName(), "A form field may hold at most 64 KiB.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * One part: a field has a {@code value}; a file has the {@code fileName} the client gave and its {@code content},
     * which is valid only until the next call to {@link #next()}.
     */
    public record Part(String name, String fileName, String value, InputStream content) {
        public boolean isFile() {
            return content != null;
        }
    }
}
