package no.formidling.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartBindingTest {

    @Test
    void formFieldsBindAsAspNetBindsThem() {
        FileTransferInitalizeExt m = new FileTransferInitalizeExt();
        MultipartInitializeAndUpload.bind(m, "Metadata.FileName", "a.txt");
        MultipartInitializeAndUpload.bind(m, "metadata.resourceid", "res");
        MultipartInitializeAndUpload.bind(m, "Metadata.Recipients[0]", "0192:310000002");
        MultipartInitializeAndUpload.bind(m, "Metadata.Recipients[1]", "0192:310000003");
        MultipartInitializeAndUpload.bind(m, "Metadata.PropertyList[case]", "1");
        MultipartInitializeAndUpload.bind(m, "Metadata.PropertyList.other", "2");
        MultipartInitializeAndUpload.bind(m, "Metadata.Unknown", "ignored");
        assertThat(m.fileName).isEqualTo("a.txt");
        assertThat(m.resourceId).isEqualTo("res");
        assertThat(m.recipients).containsExactly("0192:310000002", "0192:310000003");
        assertThat(m.propertyList).isEqualTo(Map.of("case", "1", "other", "2"));
    }

    @Test
    void validationUsesUpstreamsKeysAndMessages() {
        FileTransferInitalizeExt m = new FileTransferInitalizeExt();
        m.recipients = List.of("nope");
        m.sender = "0192:310000001";
        Map<String, List<String>> errors = m.validate("Metadata.");
        assertThat(errors).containsOnlyKeys("Metadata.FileName", "Metadata.ResourceId", "Metadata.Recipients");
        assertThat(errors.get("Metadata.FileName")).containsExactly("The FileName field is required.");
        assertThat(errors.get("Metadata.Recipients").get(0)).startsWith("Each recipient should be on the form");
    }
}
