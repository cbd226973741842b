package no.formidling.bridge.client;

import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.config.JobDefinition;

/** The Broker client a job's file asks for: its base URL, subscription key and token source. */
public final class BrokerClients {
    private BrokerClients() {
    }

    public static BrokerClient forJob(BridgeJob job) {
        JobDefinition.Broker b = job.broker();
        JobDefinition.Auth auth = b.auth();
        TokenSource tokens = switch (auth.type()) {
            case token -> new StaticToken(auth.token());
            case dev -> new DevTokenSource(b.baseUrl(), auth.orgNo(),
                    auth.scopes() != null ? auth.scopes() : "altinn:broker.write altinn:broker.read");
            case maskinporten -> new MaskinportenTokenSource(auth.maskinporten(), b.subscriptionKey());
        };
        return new BrokerClient(b.baseUrl(), tokens, b.subscriptionKey());
    }
}
