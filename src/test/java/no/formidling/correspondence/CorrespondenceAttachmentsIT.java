package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;

/** Shared and inline attachments: upload with checksum, file-name rules, purge while linked, downloads and the zip. */
class CorrespondenceAttachmentsIT extends CorrespondenceTestBase {

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void sharedAttachmentRules() throws Exception {
        byte[] content = bytes(5000, 1);
        UUID id = sharedAttachment("vedtak.pdf", content);
        assertThat(upload(id, content).json().path("errorCode").asInt()).as("second upload").isEqualTo(2005);
        var details = api.http().get(BASE + "/attachment/" + id + "/details", owner).json();
        assertThat(details.path("checksum").asText()).isEqualTo(md5(content));
        assertThat(details.path("statusHistory").toString()).contains("Initialized", "UploadProcessing", "Published");
        assertThat(api.http().get(BASE + "/attachment/" + id, api.orgToken(ORG_A, "altinn:correspondence.write")).code())
                .as("another sender").isEqualTo("CORR-04001");

        UUID wrong = UUID.fromString(initAttachment("data.xml", md5(bytes(10, 9))).json().asText());
        assertThat(upload(wrong, content).json().path("errorCode").asInt()).isEqualTo(2008);
        assertThat(api.http().get(BASE + "/attachment/" + wrong, owner).json().path("status").asText()).isEqualTo("Failed");

        // the file-name rules are pinned in AttachmentsTest; one refusal shows initialize applies them
        assertThat(initAttachment("a<b.pdf", null).json().path("errorCode").asInt()).isEqualTo(2012);

        UUID notUploaded = UUID.fromString(initAttachment("later.pdf", null).json().asText());
        Map<String, Object> withPending = request(RESOURCE, List.of("0192:" + ORG_B), Map.of());
        withPending.put("existingAttachments", List.of(notUploaded.toString()));
        assertThat(api.initialize(owner, withPending).json().path("errorCode").asInt()).isEqualTo(1018);
        withPending.put("existingAttachments", List.of(UUID.randomUUID().toString()));
        assertThat(api.initialize(owner, withPending).json().path("errorCode").asInt()).isEqualTo(1007);
    }

    @Test
    void linkedAttachmentIsKeptAndDownloadedByTheRecipientButNoLongerByTheSenderOncePublished() throws Exception {
        byte[] content = bytes(70_000, 2);
        UUID attachment = sharedAttachment("rapport.pdf", content);
        Map<String, Object> body = request(RESOURCE, List.of("0192:" + ORG_B), Map.of());
        body.put("existingAttachments", List.of(attachment.toString()));
        UUID id = api.initializeOk(owner, body).get(0);
        assertThat(api.http().delete(BASE + "/attachment/" + attachment, owner).json().path("errorCode").asInt()).isEqualTo(2007);
        assertThat(api.http().get(BASE + "/attachment/" + attachment + "/download", owner).raw().body()).isEqualTo(content);

        publish(id);
        assertThat(api.http().get(BASE + "/attachment/" + attachment + "/download", owner).json().path("errorCode").asInt()).isEqualTo(2016);
        String orgB = api.orgToken(ORG_B, READ);
        BrokerApi.Response download = api.http().get(BASE + "/correspondence/" + id + "/attachment/" + attachment + "/download", orgB);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().body()).isEqualTo(content);
        assertThat(download.header("Content-Disposition")).contains("rapport.pdf");
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(api.status(owner, id)).isEqualTo("AttachmentsDownloaded");
        assertThat(api.http().get(BASE + "/correspondence/" + id + "/attachment/" + attachment + "/download",
                api.orgToken(ORG_A, READ)).status()).as("an outsider").isEqualTo(401);
        assertThat(api.http().get(BASE + "/correspondence/" + id + "/attachment/" + UUID.randomUUID() + "/download", orgB).code())
                .isEqualTo("CORR-02001");
    }

    @Test
    void multipartInitializeStreamsInlineAttachmentsAndTheRecipientGetsThemAllAsOneZip() throws Exception {
        byte[] first = bytes(120_000, 3);
        byte[] second = "<melding>hei</melding>".getBytes(StandardCharsets.UTF_8);
        String person = CorrespondenceApi.pid(20029012);
        Multipart form = new Multipart()
                .field("correspondence.resourceid", RESOURCE)
                .field("correspondence.sendersreference", "multipart-" + UUID.randomUUID())
                .field("correspondence.content.language", "nb")
                .field("correspondence.content.messagetitle", "Med vedlegg")
                .field("correspondence.content.messagebody", "Se vedlegg.")
                .field("Recipients[0]", "0192:" + ORG_B)
                .field("recipients[1]", person)
                // upstream's own collection sends the file before its metadata; the second file comes first here
                .file("Attachments", "data.xml", second)
                .field("correspondence.content.attachments[0].filename", "brev.pdf")
                .field("correspondence.content.attachments[0].sendersreference", "a1")
                .field("correspondence.content.attachments[0].checksum", md5(first))
                .file("attachments", "brev.pdf", first)
                .field("correspondence.content.attachments[1].FileName", "data.xml")
                .field("correspondence.content.attachments[1].sendersReference", "a2");
        BrokerApi.Response r = api.http().send(api.http().request(BASE + "/correspondence/upload", owner)
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("correspondences")).hasSize(2);
        assertThat(r.json().path("attachmentIds")).hasSize(2);
        assertThat(r.json().path("correspondences").get(0).path("status").asText()).isEqualTo("Initialized");
        UUID toOrg = UUID.fromString(r.json().path("correspondences").get(0).path("correspondenceId").asText());
        UUID toPerson = UUID.fromString(r.json().path("correspondences").get(1).path("correspondenceId").asText());
        publish(toOrg);
        publish(toPerson);
        assertThat(api.status(owner, toPerson)).isEqualTo("Published");

        BrokerApi.Response zip = api.http().get(BASE + "/correspondence/" + toPerson + "/attachments/downloadall", api.personToken(person, READ));
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        Map<String, byte[]> entries = unzip(zip.raw().body());
        assertThat(entries.keySet()).containsExactly("brev.pdf", "data.xml");
        assertThat(entries.get("brev.pdf")).isEqualTo(first);
        assertThat(entries.get("data.xml")).isEqualTo(second);

        Multipart mismatch = new Multipart()
                .field("correspondence.resourceid", RESOURCE).field("correspondence.sendersreference", "x")
                .field("correspondence.content.messagetitle", "T").field("correspondence.content.messagebody", "B")
                .field("correspondence.content.attachments[0].filename", "one.pdf")
                .field("correspondence.content.attachments[0].sendersreference", "a1")
                .field("recipients[0]", "0192:" + ORG_B)
                .file("attachments", "one.pdf", first).file("attachments", "two.pdf", second);
        BrokerApi.Response bad = api.http().send(api.http().request(BASE + "/correspondence/upload", owner)
                .header("Content-Type", mismatch.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(mismatch.bytes())));
        assertThat(bad.json().path("errorCode").asInt()).isEqualTo(1005);
        Multipart wrongChecksum = new Multipart()
                .field("correspondence.resourceid", RESOURCE).field("correspondence.sendersreference", "x")
                .field("correspondence.content.messagetitle", "T").field("correspondence.content.messagebody", "B")
                .field("correspondence.content.attachments[0].filename", "one.pdf")
                .field("correspondence.content.attachments[0].sendersreference", "a1")
                .field("correspondence.content.attachments[0].checksum", md5(second))
                .field("recipients[0]", "0192:" + ORG_B)
                .file("attachments", "one.pdf", first);
        BrokerApi.Response mismatchedSum = api.http().send(api.http().request(BASE + "/correspondence/upload", owner)
                .header("Content-Type", wrongChecksum.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(wrongChecksum.bytes())));
        assertThat(mismatchedSum.json().path("errorCode").asInt()).isEqualTo(2008);
    }

    @Test
    void downloadAllZipsMoreThanTheOld25Megabytes() throws Exception {
        byte[] content = bytes(25 * 1024 * 1024 + 1, 4);
        UUID big = sharedAttachment("stor.pdf", content);
        Map<String, Object> body = request(RESOURCE, List.of("0192:" + ORG_B), Map.of());
        body.put("existingAttachments", List.of(big.toString()));
        UUID id = api.initializeOk(owner, body).get(0);
        publish(id);
        BrokerApi.Response r = api.http().get(BASE + "/correspondence/" + id + "/attachments/downloadall", api.orgToken(ORG_B, READ));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(unzip(r.raw().body()).get("stor.pdf")).isEqualTo(content);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** A multipart/form-data body in the order the parts are added. */
    static final class Multipart {
        private final String boundary = "----corr" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String fileName, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

}
