package no.formidling.bridge.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderTest {
    @TempDir
    Path dir;

    @Test
    void writesAtomicallyWithoutLeavingATemporaryFile() throws IOException {
        LocalFolder folder = new LocalFolder(dir);
        folder.writeAtomically("a.xml", new ByteArrayInputStream("<a/>".getBytes()));
        assertThat(dir.resolve("a.xml")).hasContent("<a/>");
        assertThat(dir.toFile().list()).containsExactly("a.xml");
    }

    @Test
    void aBrokenStreamLeavesNeitherTheFileNorAPartialOne() {
        LocalFolder folder = new LocalFolder(dir);
        InputStream broken = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> folder.writeAtomically("b.xml", broken)).hasMessageContaining("connection reset");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void listsMatchingRegularFilesAndMovesWithoutOverwriting() throws IOException {
        Files.writeString(dir.resolve("x.xml"), "1");
        Files.writeString(dir.resolve("y.txt"), "2");
        Files.createDirectories(dir.resolve("archive.xml"));
        LocalFolder folder = new LocalFolder(dir);
        assertThat(folder.list("*.xml")).extracting(FileEntry::name).containsExactly("x.xml");
        assertThat(folder.moveTo("x.xml", "archive")).isEqualTo("x.xml");
        Files.writeString(dir.resolve("x.xml"), "again");
        assertThat(folder.moveTo("x.xml", "archive")).isEqualTo("x.xml.1");
        assertThat(dir.resolve("archive/x.xml")).hasContent("1");
        assertThat(dir.resolve("archive/x.xml.1")).hasContent("again");
    }

    @Test
    void fileNamesAreNeverPaths() {
        LocalFolder folder = new LocalFolder(dir.resolve("inner"));
        assertThatThrownBy(() -> folder.openRead("../secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> folder.delete("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
