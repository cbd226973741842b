/** Operating the server: health, the status page, metrics and the admin API. */
package no.formidling.ops;
