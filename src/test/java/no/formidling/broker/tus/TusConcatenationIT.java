package no.formidling.broker.tus;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import org.junit.jupiter.api.Test;

/** TUS's concatenation extension: parts uploaded side by side, joined in the order listed. */
class TusConcatenationIT extends TusTestBase {
    @Test
    void partsUploadedOutOfOrderAreJoinedInTheListedOrder() {
        byte[] file = random(2 * 1024 * 1024 + 77, 4);
        UUID id = initialize(RESOURCE, md5(file));
        int cut1 = 700_000;
        int cut2 = 1_500_000;
        String[] parts = new String[3];
        int[][] ranges = {{0, cut1}, {cut1, cut2}, {cut2, file.length}};
        for (int i = 0; i < 3; i++) {
            BrokerApi.Response part = tus.createPart(id, ranges[i][1] - ranges[i][0]);
            assertThat(part.status()).isEqualTo(201);
            parts[i] = part.header("Location");
            assertThat(parts[i]).matches(BASE.replace("/", "\\/") + id + "/partial/[0-9a-f-]{36}");
        }
        for (int i = 2; i >= 0; i--) {
            int half = (ranges[i][0] + ranges[i][1]) / 2;
            assertThat(tus.patch(parts[i], 0, slice(file, ranges[i][0], half)).status()).isEqualTo(204);
            assertThat(tus.patch(parts[i], half - ranges[i][0], slice(file, half, ranges[i][1])).status()).isEqualTo(204);
        }
        assertThat(tus.head(parts[1]).header("Upload-Concat")).isEqualTo("partial");
        String absolute = "http://127.0.0.1:" + port;

        assertProblem(tus.join(id, absolute + parts[0] + " " + absolute + BASE + id + "/partial/" + UUID.randomUUID()), 404, null);
        assertProblem(tus.join(id, "not a url"), 400, null);
        assertProblem(api.send(tus.tus(BASE + id).header("Upload-Concat", "final;" + parts[0]).header("Upload-Length", "5")
                .POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertProblem(tus.patch(BASE + id, 0, new byte[1]), 404, null);

        BrokerApi.Response joined = tus.join(id, absolute + parts[0] + " " + absolute + parts[1] + " " + parts[2]);
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.header("Location")).isEqualTo(BASE + id);
        BrokerApi.Response head = tus.head(BASE + id);
        assertThat(head.header("Upload-Offset")).isEqualTo(Integer.toString(file.length));
        assertThat(head.header("Upload-Concat")).startsWith("final;");
        assertThat(api.status(sender, id)).isEqualTo("Published");
        assertThat(api.download(recipient, id, null).raw().body()).isEqualTo(file);
        assertThat(api.overview(sender, id).get("checksum").asText()).isEqualTo(md5(file));
        assertProblem(tus.join(id, parts[0] + " " + parts[1] + " " + parts[2]), 409, "BRO-00004");
    }

    @Test
    void aJoinOfUnfinishedPartsIsRefused() {
        UUID id = initialize(RESOURCE, null);
        String a = tus.createPart(id, 10).header("Location");
        String b = tus.createPart(id, 10).header("Location");
        assertThat(tus.patch(a, 0, new byte[10]).status()).isEqualTo(204);
        assertThat(tus.patch(b, 0, new byte[4]).status()).isEqualTo(204);
        assertProblem(tus.join(id, a + " " + b), 400, null);
        assertProblem(tus.join(id, a + " " + a), 400, null);
        assertThat(api.status(sender, id)).isEqualTo("UploadStarted");
    }
}
