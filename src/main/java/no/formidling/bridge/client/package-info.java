/**
 * HTTP client for the Broker API (this server or a real Altinn environment) with its token sources:
 * static, this server's dev token endpoint, and Maskinporten JWT grant plus Altinn token exchange.
 */
package no.formidling.bridge.client;
