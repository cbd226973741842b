package no.formidling.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream's model validation of initialize: each field's rule, keyed and worded as upstream answers it. */
class FileTransferInitalizeExtTest {

    private static FileTransferInitalizeExt valid() {
        FileTransferInitalizeExt body = new FileTransferInitalizeExt();
        body.fileName = "rapport æøå.pdf";
        body.resourceId = "formidling-demo";
        body.sender = "0192:310000001";
        body.recipients = List.of("0192:310000002");
        return body;
    }

    private static Map<String, List<String>> errors(FileTransferInitalizeExt body) {
        return body.validate("");
    }

    @Test
    void aCompleteBodyIsValidAndEveryMissingRequiredFieldIsListedAtOnce() {
        assertThat(errors(valid())).isEmpty();
        Map<String, List<String>> missing = errors(new FileTransferInitalizeExt());
        assertThat(missing).containsOnlyKeys("FileName", "ResourceId", "Sender", "Recipients");
        assertThat(missing.get("Sender")).containsExactly("The Sender field is required.");
        FileTransferInitalizeExt none = valid();
        none.recipients = List.of();
        assertThat(errors(none).get("Recipients")).containsExactly("One or more recipients are required");
        assertThat(valid().validate("Metadata.")).isEmpty();
        FileTransferInitalizeExt prefixed = valid();
        prefixed.fileName = null;
        assertThat(prefixed.validate("Metadata.")).containsOnlyKeys("Metadata.FileName");
    }

    @Test
    void aFileNameIsAPlainNameOfAtMost255CharactersNeverAPath() {
        for (String name : List.of("../../etc/passwd", "dir/file.txt", "a\\b.txt", "..", ".", "line\nbreak.txt", "del\u007f.txt")) {
            FileTransferInitalizeExt body = valid();
            body.fileName = name;
            assertThat(errors(body)).as(name).containsOnlyKeys("FileName");
        }
        FileTransferInitalizeExt tooLong = valid();
        tooLong.fileName = "x".repeat(256);
        assertThat(errors(tooLong).get("FileName")).containsExactly("The field FileName must be a string with a minimum length of 1 and a maximum length of 255.");
        for (String name : List.of("x".repeat(255), "..hidden", "a..b.txt", "rapport (endelig).pdf")) {
            FileTransferInitalizeExt body = valid();
            body.fileName = name;
            assertThat(errors(body)).as(name).isEmpty();
        }
    }

    @Test
    void theResourceIdMayCarryTheResourceUrnButNoOtherColon() {
        FileTransferInitalizeExt body = valid();
        body.resourceId = "urn:altinn:resource:formidling-demo";
        assertThat(errors(body)).isEmpty();
        body.resourceId = "urn:other:formidling-demo";
        assertThat(errors(body).get("ResourceId")).containsExactly("Invalid Resource identifier format");
    }

    @Test
    void senderAndRecipientsAreOrganisationParties() {
        FileTransferInitalizeExt body = valid();
        body.sender = "310000001";
        body.recipients = List.of("0192:310000002", "0192:12");
        Map<String, List<String>> e = errors(body);
        assertThat(e).containsOnlyKeys("Sender", "Recipients");
        assertThat(e.get("Sender").get(0)).startsWith("Organization numbers should be on the form countrycode:organizationnumber");
        body.sender = "urn:altinn:organization:identifier-no:310000001";
        body.recipients = List.of("urn:altinn:organization:identifier-no:310000002");
        assertThat(errors(body)).isEmpty();
    }

    @Test
    void atMostTenPropertiesWithKeysOf50AndValuesOf3000Characters() {
        FileTransferInitalizeExt body = valid();
        Map<String, String> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v");
        }
        body.propertyList = eleven;
        assertThat(errors(body).get("PropertyList")).containsExactly("PropertyList can contain at most 10 properties");
        body.propertyList = Map.of("k".repeat(51), "v");
        assertThat(errors(body).get("PropertyList")).singleElement().asString().startsWith("PropertyList Key can not be longer than 50.");
        body.propertyList = Map.of("k", "v".repeat(3001));
        assertThat(errors(body).get("PropertyList")).singleElement().asString().startsWith("PropertyList Value can not be longer than 3000.");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        body.propertyList = nullValue;
        assertThat(errors(body).get("PropertyList")).containsExactly("PropertyList Object is not of proper type");
        body.propertyList = Map.of("k".repeat(50), "v".repeat(3000));
        assertThat(errors(body)).isEmpty();
    }

    @Test
    void aChecksumIsA32CharacterLowerCaseHexMd5() {
        FileTransferInitalizeExt body = valid();
        body.checksum = "abc";
        assertThat(errors(body).get("Checksum")).containsExactly("The checksum, if used, must be a MD5 hash with a length of 32 characters");
        body.checksum = "D41D8CD98F00B204E9800998ECF8427E";
        assertThat(errors(body).get("Checksum")).containsExactly("The checksum, if used, must be a MD5 hash in lower case");
        body.checksum = "z41d8cd98f00b204e9800998ecf8427e";
        assertThat(errors(body).get("Checksum")).containsExactly("The checksum, if used, must be a hexadecimal MD5 hash");
        body.checksum = "d41d8cd98f00b204e9800998ecf8427e";
        assertThat(errors(body)).isEmpty();
        body.checksum = " ";
        assertThat(errors(body)).as("blank means none").isEmpty();
    }
}
