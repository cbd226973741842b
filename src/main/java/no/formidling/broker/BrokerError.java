package no.formidling.broker;

import no.formidling.web.AltinnError;
import org.springframework.http.HttpStatus;

/** The Broker's numbered errors, with upstream's status and message; the code is sent as {@code BRO-000NN}. */
public enum BrokerError implements AltinnError {
    FILE_TRANSFER_NOT_FOUND(1, HttpStatus.NOT_FOUND, "The requested file transfer was not found"),
    SERVICE_OWNER_NOT_CONFIGURED(2, HttpStatus.BAD_REQUEST, "Service owner needs to be configured to use the broker API"),
    NO_FILE_UPLOADED(3, HttpStatus.BAD_REQUEST, "No file uploaded yet"),
    ALREADY_UPLOADED(4, HttpStatus.CONFLICT, "A file transfer has already been, or attempted to be, created. Create a new file transfer resource to try again."),
    INVALID_RESOURCE_DEFINITION(5, HttpStatus.FORBIDDEN, "The resource needs to be registered as an Altinn 3 resource and it has to be associated with a service owner"),
    NO_ACCESS_TO_RESOURCE(6, HttpStatus.UNAUTHORIZED, "You must use a bearer token that represents a system user with access to the resource in the Resource Rights Registry"),
    NOT_AVAILABLE_FOR_DOWNLOAD(7, HttpStatus.FORBIDDEN, "The requested file transfer's file is not ready for download. See file transfer status."),
    UPLOAD_FAILED(8, HttpStatus.INTERNAL_SERVER_ERROR, "Error occurred while uploading file See /details for more information."),
    CHECKSUM_MISMATCH(9, HttpStatus.BAD_REQUEST, "The checksum of uploaded file did not match the checksum specified in initialize call."),
    NOT_PUBLISHED(10, HttpStatus.BAD_REQUEST, "A file transfer can only be confirmed to be downloaded when it is published. See file transfer status."),
    MAX_SIZE_NEGATIVE(11, HttpStatus.BAD_REQUEST, "Max file transfer size cannot be negative"),
    MAX_SIZE_ZERO(12, HttpStatus.BAD_REQUEST, "Max file transfer size cannot be zero"),
    MAX_SIZE_FOR_VIRUS_SCAN(13, HttpStatus.BAD_REQUEST, "Max file transfer size cannot be set higher than 50GB in production unless the resource has been pre-approved for disabled virus scan. Contact us @ Slack."),
    INVALID_TTL_FORMAT(14, HttpStatus.BAD_REQUEST, "Invalid file transfer time to live format. Should follow ISO8601 standard for duration. Example: 'P30D' for 30 days."),
    TTL_OVER_365_DAYS(15, HttpStatus.BAD_REQUEST, "Time to live cannot exceed 365 days"),
    FILE_TOO_BIG(16, HttpStatus.BAD_REQUEST, "File size exceeds maximum"),
    INVALID_GRACE_PERIOD_FORMAT(17, HttpStatus.BAD_REQUEST, "Invalid grace period format. Should follow ISO8601 standard for duration. Example: 'PT2H' for 2 hours."),
    GRACE_PERIOD_OVER_24_HOURS(18, HttpStatus.BAD_REQUEST, "Grace period cannot exceed 24 hours"),
    CONFIRM_BEFORE_DOWNLOAD(19, HttpStatus.BAD_REQUEST, "Cannot confirm before the files have been downloaded"),
    NOT_APPROVED_FOR_DISABLED_VIRUS_SCAN(20, HttpStatus.BAD_REQUEST, "In order to use file transfers without virus scan the service resource needs to be approved by Altinn. Please contact us @ Slack."),
    STORAGE_NOT_READY(21, HttpStatus.SERVICE_UNAVAILABLE, "Storage provider is not ready yet. Please try again later."),
    MAX_SIZE_OVER_GLOBAL(22, HttpStatus.BAD_REQUEST, "Max file transfer size cannot be set higher than 100GB in production because it has not yet been tested for it. Contact us @ Slack if you need it."),
    MANIFEST_SHIM_NEEDS_SERVICE_CODE(23, HttpStatus.BAD_REQUEST, "In order to use manifest file shim you need to provide external service code and edition code"),
    RESOURCE_OWNER_NOT_CONFIGURED(24, HttpStatus.BAD_REQUEST, "The service owner associated with the resource has not been configured."),
    RESOURCE_NOT_CONFIGURED(25, HttpStatus.BAD_REQUEST, "The resource has not been configured."),
    REQUIRED_PARTY_MISSING(26, HttpStatus.BAD_REQUEST, "The resource requires the service owner party to be present as part of the transaction."),
    REQUIRED_PARTY_TOO_MANY_RECIPIENTS(27, HttpStatus.BAD_REQUEST, "When required party is specified and the required party is not the sender, the number of recipients can only be one."),
    RECIPIENT_NOT_IN_ACCESS_LIST(28, HttpStatus.BAD_REQUEST, "All recipients need to be in the access list of the resource."),
    RANGE_NOT_SATISFIABLE(29, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "The requested byte range is not satisfiable."),
    SCAN_RESULT_NOT_READY(30, HttpStatus.SERVICE_UNAVAILABLE, "File transfer is not yet in UploadProcessing. Retry when upload completion has been recorded."),
    NO_FILE_TRANSFERS_FOUND(6001, HttpStatus.NOT_FOUND, "No file transfers found for report generation"),
    REPORT_GENERATION_FAILED(6002, HttpStatus.INTERNAL_SERVER_ERROR, "Failed to generate statistics report"),
    INVALID_MONTH_FORMAT(6003, HttpStatus.BAD_REQUEST, "Invalid year or month. Provide a valid year and a month between 1 and 12."),
    INVALID_MONTH_RANGE(6004, HttpStatus.BAD_REQUEST, "The requested report month is invalid."),
    END_USER_AND_VENDOR_EXCLUDED(6005, HttpStatus.BAD_REQUEST, "At least one of includeEndUser or includeVendor must be true."),
    CALLER_ORGANIZATION_NOT_FOUND(7001, HttpStatus.BAD_REQUEST, "Caller organization id could not be determined"),
    SERVICE_OWNER_ALREADY_EXISTS(7002, HttpStatus.CONFLICT, "Service owner already exists"),
    SERVICE_OWNER_INITIALIZATION_FAILED(7003, HttpStatus.INTERNAL_SERVER_ERROR, "Service owner could not be initialized"),
    SERVICE_OWNER_NOT_FOUND(7004, HttpStatus.NOT_FOUND, "Service owner not found");

    private final int number;
    private final HttpStatus status;
    private final String message;

    BrokerError(int number, HttpStatus status, String message) {
        this.number = number;
        this.status = status;
        this.message = message;
    }

    @Override
    public String codePrefix() {
        return "BRO";
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String message() {
        return message;
    }
}
