/**
 * Identity as Altinn's clients meet it: a Maskinporten-compatible token endpoint, Altinn's token exchange, and the
 * registers behind them (Maskinporten clients, Altinn's system register, system users and their requests).
 */
package no.formidling.identity;
