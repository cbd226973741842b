package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceRulesTest.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Upstream's attachment file-name rules (Windows naming, the allowed types), each refusal with its code. */
class AttachmentsTest {

    @Test
    void aFileNameIsRequiredAndAtMost255Characters() {
        for (String missing : new String[]{null, "", "   "}) {
            assertThat(code(() -> Attachments.checkFileName(missing))).as(String.valueOf(missing)).isEqualTo("CORR-02010");
        }
        assertThat(code(() -> Attachments.checkFileName("x".repeat(252) + ".pdf"))).isEqualTo("CORR-02011");
        assertThatCode(() -> Attachments.checkFileName("x".repeat(251) + ".pdf")).doesNotThrowAnyException();
    }

    @Test
    void windowsForbiddenCharactersAndTrailingDotsOrSpacesAreInvalid() {
        for (String name : List.of("a<b.pdf", "a>b.pdf", "a:b.pdf", "a\"b.pdf", "dir/a.pdf", "dir\\a.pdf", "a|b.pdf", "a?.pdf", "a*.pdf",
                "tab\t.pdf", "brev.pdf.", "brev.pdf ")) {
            assertThat(code(() -> Attachments.checkFileName(name))).as(name).isEqualTo("CORR-02012");
        }
        assertThatCode(() -> Attachments.checkFileName("vedtak æøå (kopi) #2.pdf")).doesNotThrowAnyException();
    }

    @Test
    void windowsReservedNamesAreRefusedWithOrWithoutAnExtensionButLongerNamesAreNot() {
        for (String name : List.of("CON.txt", "con.txt", "PRN.pdf", "AUX.xml", "NUL.txt", "COM1.txt", "LPT9.pdf", "CON.backup.txt")) {
            assertThat(code(() -> Attachments.checkFileName(name))).as(name).isEqualTo("CORR-02021");
        }
        for (String name : List.of("CONSOLE.txt", "COM10.txt", "LPT0.pdf", "ACON.txt")) {
            assertThatCode(() -> Attachments.checkFileName(name)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void onlyTheListedFileTypesAreAllowedWhateverTheCaseOfTheExtension() {
        for (String name : List.of("virus.exe", "script.js", "noextension", "library.dll")) {
            assertThat(code(() -> Attachments.checkFileName(name))).as(name).isEqualTo("CORR-02013");
        }
        for (String name : List.of("brev.PDF", "data.xml", "bilde.JpEg", "regneark.xlsx")) {
            assertThatCode(() -> Attachments.checkFileName(name)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void theContentTypeFollowsTheExtension() {
        assertThat(Attachments.contentType("Brev.PDF")).isEqualTo("application/pdf");
        assertThat(Attachments.contentType("bilde.jpg")).isEqualTo("image/jpeg");
        assertThat(Attachments.contentType("uten-endelse")).isEqualTo("application/octet-stream");
        assertThat(Attachments.extension("arkiv.tar.gz")).isEqualTo(".gz");
    }
}
