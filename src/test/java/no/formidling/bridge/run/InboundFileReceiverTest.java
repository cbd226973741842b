package no.formidling.bridge.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboundFileReceiverTest {
    private static final UUID ID = UUID.fromString("7d3c0b1e-1111-4a2b-9c3d-0123456789ab");

    @Test
    void fileNamesFromTheBrokerBecomePlainNames() {
        assertThat(InboundFileReceiver.safeName("report 2026.xml", ID)).isEqualTo("report 2026.xml");
        assertThat(InboundFileReceiver.safeName("../../etc/passwd", ID)).isEqualTo("passwd");
        assertThat(InboundFileReceiver.safeName("C:\\temp\\a.txt", ID)).isEqualTo("a.txt");
        assertThat(InboundFileReceiver.safeName(".hidden", ID)).isEqualTo("hidden");
        assertThat(InboundFileReceiver.safeName("rapport-æøå.pdf", ID)).isEqualTo("rapport-___.pdf");
        assertThat(InboundFileReceiver.safeName("", ID)).isEqualTo(ID.toString());
        assertThat(InboundFileReceiver.safeName("..", ID)).isEqualTo(ID.toString());
    }
}
