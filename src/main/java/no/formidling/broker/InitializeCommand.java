package no.formidling.broker;

import java.util.List;
import java.util.Map;

/** The initialize fields after model validation; parties as sent. */
record InitializeCommand(String fileName, String resourceId, String sendersFileTransferReference, String sender,
                         List<String> recipients, Map<String, String> propertyList, String checksum, boolean disableVirusScan) {
}
