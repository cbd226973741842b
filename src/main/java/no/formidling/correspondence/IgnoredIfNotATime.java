package no.formidling.correspondence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * A field upstream no longer reads (it skips any value, as an unknown property): a time when it is one, else null,
 * never a 400.
 */
final class IgnoredIfNotATime extends JsonDeserializer<OffsetDateTime> {
    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        try {
            return ctxt.readValue(p, OffsetDateTime.class);
        } catch (JsonMappingException e) {
            return null;
        }
    }
}
