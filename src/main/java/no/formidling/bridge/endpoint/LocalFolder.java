package no.formidling.bridge.endpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** A directory on this machine's file system. Writes are fsynced before the rename, and the directory after. */
public class LocalFolder implements FileStore {
    private final Path dir;

    public LocalFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public List<FileEntry> list(String glob) throws IOException {
        Files.createDirectories(dir);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<FileEntry> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && matcher.matches(p.getFileName())) {
                    files.add(new FileEntry(p.getFileName().toString(), a.size(), a.lastModifiedTime().toMillis()));
                }
            }
        }
        return files;
    }

    @Override
    public boolean exists(String name) throws IOException {
        return Files.exists(resolve(name));
    }

    @Override
    public InputStream openRead(String name) throws IOException {
        return Files.newInputStream(resolve(name));
    }

    @Override
    public void writeAtomically(String name, InputStream data) throws IOException {
        writeInto(dir, name, data);
    }

    private static void writeInto(Path folder, String name, InputStream data) throws IOException {
        Files.createDirectories(folder);
        Path target;
        Path temp;
        try {
            target = folder.resolve(name);
            temp = folder.resolve("." + name + ".part");
        } catch (InvalidPathException e) {
            throw new NameRefusedException(name, e);
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            data.transferTo(out);
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(folder);
    }

    private static void syncDirectory(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot sync a directory; the file itself is already durable.
        }
    }

    @Override
    public String moveTo(String name, String folder) throws IOException {
        Path to = dir.resolve(folder);
        Files.createDirectories(to);
        String targetName = name;
        for (int i = 1; Files.exists(to.resolve(targetName), LinkOption.NOFOLLOW_LINKS); i++) {
            targetName = name + "." + i;
        }
        Files.move(resolve(name), to.resolve(targetName), StandardCopyOption.ATOMIC_MOVE);
        return targetName;
    }

    @Override
    public void writeText(String folder, String name, String text) throws IOException {
        writeInto(dir.resolve(folder), name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
    }

    private Path resolve(String name) throws NameRefusedException {
        Path p;
        try {
            p = dir.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new NameRefusedException(name, e);
        }
        if (!p.getParent().equals(dir)) {
            throw new IllegalArgumentException("Not a plain file name: " + name);
        }
        return p;
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    @Override
    public void close() {
    }
}
