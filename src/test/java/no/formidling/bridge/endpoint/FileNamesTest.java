package no.formidling.bridge.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-name rule for received files: names stay as sent; only what a target cannot hold is replaced. */
class FileNamesTest {
    private static final String ID = "7d3c0b1e-1111-4a2b-9c3d-0123456789ab";

    @Test
    void norwegianAndOtherUnicodeNamesAreKeptAsSent() {
        assertThat(FileNames.forTarget("rapport æøå 12.xml", ID)).isEqualTo("rapport æøå 12.xml");
        assertThat(FileNames.forTarget("Lønn (kopi) bilag 101.csv", ID)).isEqualTo("Lønn (kopi) bilag 101.csv");
        assertThat(FileNames.forTarget("ÆØÅ – «sitat» #1 & 2 [v3] {x} 'q' ~ €.pdf", ID)).isEqualTo("ÆØÅ – «sitat» #1 & 2 [v3] {x} 'q' ~ €.pdf");
        assertThat(FileNames.forTarget("Σύμβαση 契約 договор.txt", ID)).isEqualTo("Σύμβαση 契約 договор.txt");
    }

    @Test
    void decomposedNamesAreNormalizedToNfc() {
        String decomposed = "a\u030Arsrapport.pdf";
        assertThat(FileNames.forTarget(decomposed, ID)).isEqualTo("\u00E5rsrapport.pdf");
    }

    @Test
    void onlyWhatNoTargetCanHoldIsReplaced() {
        assertThat(FileNames.forTarget("../../etc/passwd", ID)).isEqualTo("_.._etc_passwd");
        assertThat(FileNames.forTarget("C:\\temp\\a.txt", ID)).isEqualTo("C:_temp_a.txt");
        assertThat(FileNames.forTarget("a\u0000b\nc\td\u007F.txt", ID)).isEqualTo("a_b_c_d_.txt");
        assertThat(FileNames.forTarget("broken\uD800half.txt", ID)).isEqualTo("broken_half.txt");
        assertThat(FileNames.forTarget(".hidden", ID)).isEqualTo("hidden");
        assertThat(FileNames.forTarget("", ID)).isEqualTo(ID);
        assertThat(FileNames.forTarget(null, ID)).isEqualTo(ID);
        assertThat(FileNames.forTarget(".", ID)).isEqualTo(ID);
        assertThat(FileNames.forTarget("..", ID)).isEqualTo(ID);
        assertThat(FileNames.forTarget("   ", ID)).isEqualTo(ID);
    }

    @Test
    void overLongNamesAreShortenedOnCharacterBoundariesKeepingTheExtension(@TempDir Path dir) throws Exception {
        String sent = "æ".repeat(300) + ".xml";
        String name = FileNames.forTarget(sent, ID);
        assertThat(name).endsWith(".xml").startsWith("æææ");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(name.replace(".xml", "")).matches("æ+");
        String prefixed = FileNames.prefixed(ID + "-", name);
        assertThat(prefixed).startsWith(ID + "-æ").endsWith(".xml");
        assertThat(prefixed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        // The file system takes it, with the bridge's temporary and error-report names around it.
        Files.writeString(dir.resolve("." + prefixed + ".part"), "x");
        Files.writeString(dir.resolve(prefixed + ".error.json"), "x");
    }
}
