package io.conduit.common;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON rules of the contract: a number or boolean where text is expected is a wrong type (422), not
 * something to coerce; unknown fields are ignored; timestamps have exactly three fractional digits.
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    /** Digits a JSON number may have (Jackson's default is 1,000). */
    static final int MAX_NUMBER_DIGITS = 100_000;

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Last, after Quarkus registers JavaTimeModule, whose Instant serializer would drop a zero fraction. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        // A number of thousands of digits where text is expected is a wrong type on its field (422), so the parser
        // must read it as a token rather than refuse the whole body; the fast parser keeps the cost of a tree that
        // holds such a number below quadratic. Longer ones are still refused (ErrorMappers: 422).
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_DIGITS).build());
        mapper.getFactory().enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER.mappedFeature());
        SimpleModule module = new SimpleModule("conduit");
        module.addDeserializer(String.class, new StrictStringDeserializer());
        module.addSerializer(Instant.class, new TimestampSerializer());
        mapper.registerModule(module);
    }

    static final class StrictStringDeserializer extends StdScalarDeserializer<String> {
        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    static final class TimestampSerializer extends StdSerializer<Instant> {
        TimestampSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(TIMESTAMP.format(value));
        }
    }
}
