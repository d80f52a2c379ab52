package org.bluelamp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.MessageOrBuilder;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.bluelamp.api.ContractJson;

/**
 * JSON on the command line: every answer is a contract message printed in the project's one JSON
 * schema ({@link ContractJson}: proto3 JSON, lowerCamelCase), one object per line; input files
 * are read with Jackson ({@link #MAPPER}).
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)";

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Prints a contract message as one JSON line. */
    static void print(PrintWriter out, MessageOrBuilder message) {
        out.println(ContractJson.print(message));
        out.flush();
    }

    /** A contract message as a Jackson tree (for tables of its fields). */
    static JsonNode tree(MessageOrBuilder message) {
        try {
            return MAPPER.readTree(ContractJson.print(message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
