package no.formidling.bridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {

    @Test
    void sendsEveryByteInOrderWhateverTheSize() {
        for (int size : new int[] {0, 1, ChunkedBody.PIECE - 1, ChunkedBody.PIECE, ChunkedBody.PIECE + 1, 5 * ChunkedBody.PIECE + 7}) {
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            try (ChunkedBody body = new ChunkedBody(() -> new ByteArrayInputStream(bytes), size)) {
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                for (byte[] piece : body) {
                    assertThat(piece.length).isBetween(1, ChunkedBody.PIECE);
                    sent.writeBytes(piece);
                }
                assertThat(sent.toByteArray()).as("size %d", size).isEqualTo(bytes);
            }
        }
    }

    @Test
    void aLongerStreamThanAnnouncedStillShowsItsExtraBytes() {
        byte[] bytes = new byte[100];
        try (ChunkedBody body = new ChunkedBody(() -> new ByteArrayInputStream(bytes), 10)) {
            int sent = 0;
            for (byte[] piece : body) {
                sent += piece.length;
            }
            // The client then refuses the body for not matching its Content-Length, instead of cutting the file silently.
            assertThat(sent).isGreaterThan(10);
        }
    }

    @Test
    void aResentBodyReadsAFreshStreamAndEveryStreamIsClosed() {
        List<Boolean> closed = new ArrayList<>();
        byte[] bytes = "innhold på én linje".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ChunkedBody body = new ChunkedBody(() -> {
            int index = closed.size();
            closed.add(false);
            return new FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public void close() throws IOException {
                    closed.set(index, true);
                    super.close();
                }
            };
        }, bytes.length);
        body.iterator().next(); // a first try that broke off after one piece
        byte[] second = body.iterator().next();
        assertThat(second).isEqualTo(bytes);
        assertThat(closed).containsExactly(true, false);
        body.close();
        assertThat(closed).containsExactly(true, true);
    }

    @Test
    void aFailingReadFailsTheBody() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by SFTP server");
            }
        };
        try (ChunkedBody body = new ChunkedBody(() -> broken, 10)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.iterator().hasNext())
                    .hasMessageContaining("connection reset by SFTP server");
        }
    }

    @Test
    void thePublisherHandsOverEveryPieceInOrderAndReportsAFailingRead() throws Exception {
        int size = 3 * ChunkedBody.PIECE + 5;
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        try (ChunkedBody body = new ChunkedBody(() -> new ByteArrayInputStream(bytes), size)) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            java.util.concurrent.CompletableFuture<Throwable> end = new java.util.concurrent.CompletableFuture<>();
            body.publisher().subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
                private java.util.concurrent.Flow.Subscription subscription;

                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(java.nio.ByteBuffer piece) {
                    byte[] b = new byte[piece.remaining()];
                    piece.get(b);
                    sent.writeBytes(b);
                    subscription.request(1); // asked from inside onNext: must not recurse
                }

                @Override
                public void onError(Throwable t) {
                    end.complete(t);
                }

                @Override
                public void onComplete() {
                    end.complete(null);
                }
            });
            assertThat(end.get()).isNull();
            assertThat(sent.toByteArray()).isEqualTo(bytes);
        }

        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by SFTP server");
            }
        };
        try (ChunkedBody body = new ChunkedBody(() -> broken, 10)) {
            java.util.concurrent.CompletableFuture<Throwable> end = new java.util.concurrent.CompletableFuture<>();
            body.publisher().subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(java.nio.ByteBuffer piece) {
                    end.complete(new AssertionError("a piece from a broken stream"));
                }

                @Override
                public void onError(Throwable t) {
                    end.complete(t);
                }

                @Override
                public void onComplete() {
                    end.complete(new AssertionError("completed"));
                }
            });
            assertThat(end.get()).isInstanceOf(IOException.class).hasMessageContaining("connection reset by SFTP server");
        }
    }
}
