package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The write pipeline every store's sink sits behind: whole copies of any size, and a failing sink fails the copy. */
class DigestingCopierTest {
    @Test
    void aFailingDiskFailsTheWriteInsteadOfHanging() {
        byte[] bytes = new byte[10 * DigestingCopier.CHUNK];
        int[] written = {0};
        assertThatThrownBy(() -> DigestingCopier.copy(new ByteArrayInputStream(bytes), Long.MAX_VALUE, (b, n) -> {
            if (++written[0] == 2) {
                throw new IOException("No space left on device");
            }
        })).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    }

    @Test
    void emptyAndOddSizedStreamsAreCopiedWhole() throws IOException {
        for (int size : new int[] {0, 1, 65535, 65536, 65537, DigestingCopier.CHUNK, DigestingCopier.CHUNK + 1, 7 * DigestingCopier.CHUNK - 3}) {
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BlobStore.StoredBlob stored = DigestingCopier.copy(new ByteArrayInputStream(bytes), Long.MAX_VALUE, (b, n) -> out.write(b, 0, n));
            assertThat(out.toByteArray()).as("size %d", size).isEqualTo(bytes);
            assertThat(stored.size()).isEqualTo(size);
            assertThat(stored.md5Hex()).isEqualTo(WholeBlobContract.md5(bytes));
        }
    }

    @Test
    void withoutTheDigestStageTheBytesStillArriveWholeAndInOrder() throws IOException {
        for (int size : new int[] {0, 65537, 7 * DigestingCopier.CHUNK - 3}) {
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(DigestingCopier.copyUndigested(new ByteArrayInputStream(bytes), Long.MAX_VALUE, (b, n) -> out.write(b, 0, n))).isEqualTo(size);
            assertThat(out.toByteArray()).as("size %d", size).isEqualTo(bytes);
        }
        assertThatThrownBy(() -> DigestingCopier.copyUndigested(new ByteArrayInputStream(new byte[3 * DigestingCopier.CHUNK]), DigestingCopier.CHUNK, (b, n) -> { }))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
    }
}
