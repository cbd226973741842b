package no.formidling.correspondence;

/** A notification could not be handed to its channel; the process step fails and is retried. */
class DeliveryFailedException extends RuntimeException {
    DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
