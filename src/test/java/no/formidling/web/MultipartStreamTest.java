package no.formidling.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class MultipartStreamTest {

    @Test
    void partsArriveInTheOrderSentFieldsReadWholeFilesAsStreams() throws IOException {
        MultipartStream form = MultipartStream.of(request(field("Metadata.FileName", "a.txt") + file("FileTransfer", "a.txt", "hello") + field("after", "x")));

        MultipartStream.Part name = form.next();
        assertThat(name.isFile()).isFalse();
        assertThat(name.name()).isEqualTo("Metadata.FileName");
        assertThat(name.value()).isEqualTo("a.txt");

        MultipartStream.Part file = form.next();
        assertThat(file.isFile()).isTrue();
        assertThat(file.name()).isEqualTo("FileTransfer");
        assertThat(file.fileName()).isEqualTo("a.txt");
        assertThat(new String(file.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");

        assertThat(form.next().value()).isEqualTo("x");
        assertThat(form.next()).isNull();
    }

    @Test
    void aFieldLongerThanTheLimitIsRefusedByName() throws IOException {
        MultipartStream form = MultipartStream.of(request(field("big", "x".repeat(MultipartStream.MAX_FIELD_BYTES + 1))));

        assertThatThrownBy(form::next).isInstanceOfSatisfying(ValidationProblem.class,
                p -> assertThat(p.errors()).containsOnlyKeys("big"));
    }

    @Test
    void aFieldOfExactlyTheLimitIsAccepted() throws IOException {
        MultipartStream form = MultipartStream.of(request(field("big", "x".repeat(MultipartStream.MAX_FIELD_BYTES))));

        assertThat(form.next().value()).hasSize(MultipartStream.MAX_FIELD_BYTES);
    }

    private static final String BOUNDARY = "b0undary";

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String file(String name, String fileName, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
    }

    private static MockHttpServletRequest request(String parts) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/form");
        request.setContentType("multipart/form-data; boundary=" + BOUNDARY);
        request.setContent((parts + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
