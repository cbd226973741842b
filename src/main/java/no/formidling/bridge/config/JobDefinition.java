package no.formidling.bridge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One bridge job as written in {@code jobs/<name>.yml}. Checked by {@link JobFileLoader}; see docs/bridges.md. */
public record JobDefinition(
        String name,
        Boolean enabled,
        Direction direction,
        Schedule schedule,
        Location source,
        Location target,
        Completion completion,
        Broker broker,
        AfterSuccess afterSuccess,
        AfterFailure afterFailure,
        Retry retry,
        Limits limits) {

    public enum Direction { outbound, inbound }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** The folder or SFTP side: outbound reads it, inbound writes it. */
    public Location location() {
        return direction == Direction.outbound ? source : target;
    }

    public record Schedule(String cron, String zone) {
    }

    public enum LocationType { folder, sftp }

    public record Location(LocationType type, String directory, String pattern, Sftp sftp) {
    }

    public record Sftp(String host, Integer port, String user, String password, String privateKey,
                       String privateKeyPassphrase, String knownHosts, Boolean hostKeyChecking) {
        public boolean checksHostKey() {
            return hostKeyChecking == null || hostKeyChecking;
        }
    }

    public enum CompletionRule { marker, stableSize, tempSuffix, none }

    /** When an outbound file is complete: a marker file beside it, an unchanged size, or no temporary suffix. */
    public record Completion(CompletionRule rule, String markerSuffix, String interval, String tempSuffix) {
    }

    public record Broker(String baseUrl, String resourceId, String sender, Recipients recipients, String sendersReference,
                         Map<String, String> propertyList, Boolean checksum, String awaitPublished, Auth auth,
                         String subscriptionKey) {
    }

    /** Static parties, a file-name regex with a {@code recipient} group, or a sidecar JSON beside the file. */
    public record Recipients(@JsonProperty("static") List<String> fixed, String fileNamePattern, String sidecarSuffix) {
    }

    public enum AuthType { dev, token, maskinporten }

    public record Auth(AuthType type, String token, String orgNo, String scopes, Maskinporten maskinporten) {
    }

    /** {@code systemUserOrg}: act as the system user that organisation (its number) accepted for the client's system. */
    public record Maskinporten(String tokenEndpoint, String audience, String clientId, String scope, String keyFile,
                               String keyId, String exchangeUrl, String systemUserOrg) {
    }

    public enum SuccessAction { archive, delete }

    public record AfterSuccess(SuccessAction action, String directory) {
    }

    public record AfterFailure(String directory) {
    }

    public record Retry(Integer attempts, String initialInterval, Double multiplier, String maxInterval) {
    }

    public record Limits(Integer chunkSize, Integer concurrency, String maxFileSize) {
    }
}
