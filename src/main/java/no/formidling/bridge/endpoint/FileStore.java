package no.formidling.bridge.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** One directory, local or on an SFTP server. Sub-folder names (archive, error) are relative to it unless absolute. */
public interface FileStore extends AutoCloseable {

    /** Regular files whose names match the glob, directly in the directory. */
    List<FileEntry> list(String glob) throws IOException;

    boolean exists(String name) throws IOException;

    /** The file's bytes as a stream straight from the source; close it when done. */
    InputStream openRead(String name) throws IOException;

    /** Writes to a temporary name, makes it durable where the store can, then renames it to {@code name}. */
    void writeAtomically(String name, InputStream data) throws IOException;

    /** Moves the file into a sub-folder (created when missing); a name taken there gets a unique suffix. */
    String moveTo(String name, String folder) throws IOException;

    /** Writes a small text file into a sub-folder, atomically. */
    void writeText(String folder, String name, String text) throws IOException;

    void delete(String name) throws IOException;

    String describe();

    @Override
    void close();
}
