package no.formidling.broker.tus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The upload's MD5 comes out right however its bytes arrive and across saves, as a new digest on another node resumes it. */
class ResumableMd5Test {

    @Test
    void bytesInPiecesOfEverySizeAndSavedBetweenChunksHashLikeTheJdk() throws IOException, NoSuchAlgorithmException {
        Random random = new Random(7);
        byte[] file = new byte[11 * 1024 * 1024 + 333];
        random.nextBytes(file);
        // Chunks as requests: a tiny one, ones of several MiB, odd ends.
        int[] chunkEnds = {10, 70_000, 5 * 1024 * 1024 + 1, 5 * 1024 * 1024 + 65_536, file.length};

        byte[] state = null;
        int at = 0;
        for (int end : chunkEnds) {
            ResumableMd5 md5 = ResumableMd5.resume(state);
            while (at < end) {
                int read = Math.min(end - at, 1 + random.nextInt(300_000)); // reads as a socket gives them
                md5.update(file, at, read);
                at += read;
            }
            state = md5.save();
        }

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file));
        assertThat(ResumableMd5.resume(state).hex()).isEqualTo(expected);
    }

    @Test
    void hexLeavesTheDigestGoingOn() throws IOException, NoSuchAlgorithmException {
        byte[] bytes = new byte[3 * 1024 * 1024];
        new Random(8).nextBytes(bytes);
        ResumableMd5 md5 = ResumableMd5.resume(null);
        md5.update(bytes, 0, 2 * 1024 * 1024);
        String half = md5.hex();
        md5.update(bytes, 2 * 1024 * 1024, 1024 * 1024);

        MessageDigest jdk = MessageDigest.getInstance("MD5");
        jdk.update(bytes, 0, 2 * 1024 * 1024);
        assertThat(half).isEqualTo(HexFormat.of().formatHex(jdk.digest()));
        assertThat(md5.hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
    }
}
