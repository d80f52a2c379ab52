package org.bluelamp.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;

/**
 * The one JSON schema of the project: the contract's messages in the proto3 JSON mapping, printed
 * the same way by every command of the command line, by the client commands and by the HTTP/JSON
 * service.
 *
 * <ul>
 *   <li>Field names in lowerCamelCase ({@code etaSeconds}, {@code unitId}), the proto3 JSON
 *       standard and what gRPC transcoding reads and writes; requests may use either form.
 *   <li>Enums by name ({@code UNIT_STATUS_AVAILABLE}); 64-bit integers as strings
 *       ({@code "positionTimeEpochMillis":"1795694400000"}), as the mapping requires so that
 *       JavaScript loses no digit; 32-bit integers and doubles as numbers.
 *   <li>Every field is printed, default values included ({@code "meetsTarget":false}), so that
 *       an answer always has the same shape; only fields with presence ({@code optional}, message
 *       fields) are left out when unset.
 *   <li>One object per line, no insignificant white space.
 * </ul>
 *
 * Times and distances are rounded where the contract's messages are made ({@link ProtoMapping}:
 * 0.1 s, 1 m), not here.
 *
 * <p>Thread-safety: stateless; the printer is immutable.
 */
public final class ContractJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .includingDefaultValueFields()
            .omittingInsignificantWhitespace()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                    .add(BadRequest.getDescriptor())
                    .build());

    private ContractJson() {}

    /** {@code message} as one line of the contract's JSON (no line break). */
    public static String print(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            // only an Any of a type not in the registry can fail; the contract has none
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
