package no.formidling.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.formidling.web.ApiProblem;
import org.junit.jupiter.api.Test;

class FileDownloadsTest {

    @Test
    void rangesResolveAsUpstreamResolvesThem() {
        assertThat(FileDownloads.resolve(null, 100)).isNull();
        assertThat(FileDownloads.resolve("bytes=0-9", 100)).isEqualTo(new FileDownloads.ByteRange(0, 9));
        assertThat(FileDownloads.resolve("bytes=90-", 100)).isEqualTo(new FileDownloads.ByteRange(90, 99));
        assertThat(FileDownloads.resolve("bytes=-10", 100)).isEqualTo(new FileDownloads.ByteRange(90, 99));
        assertThat(FileDownloads.resolve("bytes=-500", 100)).isEqualTo(new FileDownloads.ByteRange(0, 99));
        assertThat(FileDownloads.resolve("bytes=50-5000", 100)).isEqualTo(new FileDownloads.ByteRange(50, 99));
        assertThat(FileDownloads.resolve("bytes=0-1,5-6", 100)).as("several ranges are ignored").isNull();
        assertThat(FileDownloads.resolve("lines=0-1", 100)).isNull();
        assertThat(FileDownloads.resolve("bytes=-", 100)).isNull();
        for (String unsatisfiable : new String[] {"bytes=100-", "bytes=5-4", "bytes=-0"}) {
            assertThatThrownBy(() -> FileDownloads.resolve(unsatisfiable, 100))
                    .isInstanceOf(ApiProblem.class).extracting("code").isEqualTo("BRO-00029");
        }
    }

    @Test
    void contentDispositionHasAnAsciiFallbackAndTheUtf8Name() {
        assertThat(FileDownloads.contentDisposition("report.xml")).isEqualTo("attachment; filename=report.xml; filename*=UTF-8''report.xml");
        assertThat(FileDownloads.contentDisposition("rapport æ.pdf"))
                .isEqualTo("attachment; filename=\"rapport _.pdf\"; filename*=UTF-8''rapport%20%C3%A6.pdf");
        assertThat(FileDownloads.contentDisposition("a\"b.txt")).isEqualTo("attachment; filename=\"a\\\"b.txt\"; filename*=UTF-8''a%22b.txt");
    }
}
