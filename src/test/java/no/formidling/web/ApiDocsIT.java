package no.formidling.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI document behind Swagger UI names the API and lets a developer authorize with a bearer token. */
@IntegrationTest
class ApiDocsIT {
    @LocalServerPort
    int port;

    @Test
    void apiDocsHaveTitleBearerSchemeAndSecurityOnSecuredOperations() {
        BrokerApi api = new BrokerApi(port);
        BrokerApi.Response r = api.get("/v3/api-docs", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode docs = r.json();

        assertThat(docs.at("/info/title").asText()).isEqualTo("Formidling — Altinn 3 Broker API");
        assertThat(docs.at("/info/version").asText()).isEqualTo("v1");
        assertThat(docs.at("/info/description").asText()).as("says how to get a dev token")
                .contains("/api/GetEnterpriseToken?orgNo=310000001").contains("Authorize");

        JsonNode bearer = docs.at("/components/securitySchemes/bearerAuth");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");

        JsonNode initialize = docs.at("/paths/~1broker~1api~1v1~1filetransfer/post");
        assertThat(initialize.isMissingNode()).isFalse();
        assertThat(initialize.path("security").findValues("bearerAuth")).as("initialize needs the bearer token").hasSize(1);
        assertThat(docs.at("/paths/~1broker~1api~1v1~1filetransfer~1{fileTransferId}~1download/get/security").findValues("bearerAuth")).hasSize(1);

        JsonNode tokenIssuing = docs.at("/paths/~1api~1GetEnterpriseToken/get");
        assertThat(tokenIssuing.isMissingNode()).isFalse();
        assertThat(tokenIssuing.path("security").findValues("bearerAuth")).as("getting a token needs no token").isEmpty();
        assertThat(docs.path("paths").has("/error")).as("the error path is no API operation").isFalse();
        assertThat(docs.at("/security").findValues("bearerAuth")).as("no global requirement that would cover the open operations").isEmpty();
    }

    @Test
    void correspondenceAnswersAreDocumentedByTheRecordsThatAreSent() {
        JsonNode docs = new BrokerApi(port).get("/v3/api-docs", null).json();

        JsonNode details = docs.at("/paths/~1correspondence~1api~1v1~1correspondence~1{correspondenceId}~1details/get/responses/200/content");
        assertThat(details.findValues("$ref")).extracting(JsonNode::asText).containsExactly("#/components/schemas/CorrespondenceDetailsExt");
        assertThat(docs.at("/components/schemas/CorrespondenceDetailsExt/properties").fieldNames())
                .toIterable().contains("correspondenceId", "content", "isConfirmationNeeded", "notifications", "statusHistory", "systemLabel");
        assertThat(docs.at("/components/schemas/AttachmentOverviewExt/properties").fieldNames())
                .toIterable().contains("attachmentId", "isEncrypted", "correspondenceIds", "dataType");
        assertThat(docs.at("/components/schemas/NotificationDetailsExt/properties").fieldNames())
                .toIterable().contains("isReminder", "processingStatus", "notificationStatusDetails", "attempts");
        assertThat(docs.at("/components/schemas/LegacyCorrespondenceOverviewExt/properties").fieldNames())
                .toIterable().contains("correspondenceId", "allowDelete", "messageBody", "instanceOwnerPartyId").doesNotContain("content", "fields");
    }
}
