package org.bluelamp.tracking.lip;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Decodes TETRA LIP location reports (ETSI TS 100 392-18-1): the short location report and the
 * long location report, from octets or from hex text. The bit layouts, scales and the sources they
 * were checked against are in {@code package-info.java}.
 *
 * <p>The PDU starts at the LIP "PDU type" field: the SDS-TL protocol identifier octet (0x0A for
 * LIP) that precedes it on the air interface and in PEI {@code +CTSDSR} output is not part of it;
 * use {@link #decodeWithProtocolIdentifier(byte[])} for such input. Up to 7 padding bits after the
 * last field are ignored (SDS user data is carried in whole octets). More than that is an error in
 * a short report; in a long report it is kept raw as optional elements. When the exact bit length
 * is known (SDS-TL and the PEI give it), {@link #decode(byte[], int)} also catches a PDU cut short
 * inside its last octet.
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class LipDecoder {

    /** SDS-TL protocol identifier of LIP. */
    public static final int PROTOCOL_IDENTIFIER_LIP = 0x0A;

    /** Padding bits tolerated after the last field: up to the next octet boundary. */
    static final int MAX_PADDING_BITS = 7;

    private static final int PDU_TYPE_SHORT = 0;
    private static final int PDU_TYPE_WITH_EXTENSION = 1;
    private static final int EXTENSION_LONG_LOCATION_REPORT = 3;

    private static final String[] EXTENSION_NAMES = {
        "reserved for further extension",
        "immediate location report request",
        "reserved",
        "long location report",
        "location report acknowledgement",
        "basic location parameters request/response",
        "add/modify trigger request/response",
        "remove trigger request/response",
        "report trigger request/response",
        "report basic location parameters request/response",
        "location reporting enable/disable request/response",
        "location reporting temporary control request/response",
        "backlog request/response",
        "reserved",
        "reserved",
        "reserved"
    };

    private LipDecoder() {}

    /**
     * Decodes hex text: spaces, tabs, colons, dashes and underscores between digits and one leading
     * {@code 0x} are ignored, case does not matter.
     *
     * @throws LipDecodeException if the text is not an even number of hex digits or the PDU does
     *     not decode
     */
    public static LipReport decodeHex(String hex) throws LipDecodeException {
        return decode(parseHex(hex));
    }

    /**
     * Decodes SDS user data that still starts with the SDS-TL protocol identifier octet, which must
     * be {@value #PROTOCOL_IDENTIFIER_LIP} (LIP); the rest is decoded as by {@link #decode(byte[])}.
     * Bit offsets in errors count from the LIP PDU, after the identifier.
     */
    public static LipReport decodeWithProtocolIdentifier(byte[] sdsUserData) throws LipDecodeException {
        Objects.requireNonNull(sdsUserData, "sdsUserData");
        if (sdsUserData.length == 0) {
            throw LipDecodeException.input("empty SDS user data: no protocol identifier");
        }
        int protocolIdentifier = sdsUserData[0] & 0xFF;
        if (protocolIdentifier != PROTOCOL_IDENTIFIER_LIP) {
            throw new LipDecodeException(
                    String.format("protocol identifier 0x%02X is not LIP (0x0A)", protocolIdentifier),
                    "protocol identifier",
                    -1);
        }
        byte[] pdu = new byte[sdsUserData.length - 1];
        System.arraycopy(sdsUserData, 1, pdu, 0, pdu.length);
        return decode(pdu);
    }

    /**
     * Decodes one LIP location report PDU.
     *
     * @throws LipDecodeException if the PDU is truncated, is not a location report, uses a
     *     reserved or unsupported code, or has more than 7 bits after a short report
     */
    public static LipReport decode(byte[] pdu) throws LipDecodeException {
        Objects.requireNonNull(pdu, "pdu");
        return decode(pdu, pdu.length * 8);
    }

    /**
     * Decodes one LIP location report PDU of exactly {@code bitLength} bits, the first bits of
     * {@code octets}: the length SDS-TL and the PEI give (e.g. {@code +CTSDSR: ...,84} for a
     * protocol identifier octet and a 76-bit short report). The bits after {@code bitLength} are
     * ignored, so a PDU cut short inside its last octet is detected.
     *
     * @throws IllegalArgumentException if {@code bitLength} is negative or longer than the octets
     * @throws LipDecodeException as {@link #decode(byte[])}
     */
    public static LipReport decode(byte[] octets, int bitLength) throws LipDecodeException {
        Objects.requireNonNull(octets, "octets");
        if (bitLength < 0 || bitLength > octets.length * 8) {
            throw new IllegalArgumentException(
                    "bitLength must be 0.." + octets.length * 8 + " for " + octets.length + " octets: " + bitLength);
        }
        BitReader in = new BitReader(octets.clone(), bitLength);
        int pduTypeOffset = in.position();
        int pduType = in.read(2, "PDU type");
        return switch (pduType) {
            case PDU_TYPE_SHORT -> decodeShort(in);
            case PDU_TYPE_WITH_EXTENSION -> {
                int extensionOffset = in.position();
                int extension = in.read(4, "PDU type extension");
                if (extension != EXTENSION_LONG_LOCATION_REPORT) {
                    throw new LipDecodeException(
                            "not a location report: PDU type extension " + extension + " (" + EXTENSION_NAMES[extension]
                                    + ") at bit " + extensionOffset,
                            "PDU type extension",
                            extensionOffset);
                }
                yield decodeLong(in);
            }
            default -> throw LipDecodeException.reserved("PDU type", pduType, pduTypeOffset);
        };
    }

    /**
     * Parses hex text into octets, with the tolerance of {@link #decodeHex(String)}.
     *
     * @throws LipDecodeException naming the offending character, or an odd digit count
     */
    public static byte[] parseHex(String hex) throws LipDecodeException {
        Objects.requireNonNull(hex, "hex");
        String text = hex.strip();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            text = text.substring(2);
        }
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 128) {
                digits.append(c);
            } else if (c != ' ' && c != '\t' && c != ':' && c != '-' && c != '_') {
                throw LipDecodeException.input("not a hex digit: '" + c + "' at character " + i + " of the hex text");
            }
        }
        if (digits.isEmpty()) {
            throw LipDecodeException.input("empty PDU: no hex digits");
        }
        if (digits.length() % 2 != 0) {
            throw LipDecodeException.input(
                    "odd number of hex digits (" + digits.length() + "): a PDU is whole octets, two digits each");
        }
        return HexFormat.of().parseHex(digits);
    }

    // Short location report, clause 6.2.1: 76 bits.
    private static LipReport decodeShort(BitReader in) throws LipDecodeException {
        TimeElapsed timeElapsed = TimeElapsed.fromCode(in.read(2, "time elapsed"));
        double longitudeDeg = LipCodes.longitudeDeg(in.readSigned(25, "longitude"));
        double latitudeDeg = LipCodes.latitudeDeg(in.readSigned(24, "latitude"));
        PositionError positionError = PositionError.fromCode(in.read(3, "position error"));
        OptionalDouble speedKmh = LipCodes.speedKmh(in.read(7, "horizontal velocity"));
        double directionDeg = in.read(4, "direction of travel") * LipCodes.DIRECTION_16_POINT_DEG_PER_STEP;
        AdditionalDataType additionalDataType = readAdditionalDataType(in);
        int additionalData = in.read(8, additionalDataName(additionalDataType));
        int trailingOffset = in.position();
        if (in.remaining() > MAX_PADDING_BITS) {
            throw new LipDecodeException(
                    "unexpected " + in.remaining() + " bits after the short location report at bit " + trailingOffset
                            + " (at most " + MAX_PADDING_BITS + " padding bits allowed)",
                    "padding",
                    trailingOffset);
        }
        return new LipReport(
                PduKind.SHORT,
                new LipTime.Elapsed(timeElapsed),
                LocationShape.POINT_AND_POSITION_ERROR,
                OptionalDouble.of(latitudeDeg),
                OptionalDouble.of(longitudeDeg),
                Optional.of(positionError),
                LipShapeParameters.NONE,
                Optional.empty(),
                Optional.empty(),
                speedKmh,
                OptionalInt.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty(),
                OptionalDouble.of(directionDeg),
                OptionalInt.empty(),
                false,
                additionalDataType,
                additionalData,
                "",
                0);
    }

    // Long location report, clause 6.2.2.
    private static LipReport decodeLong(BitReader in) throws LipDecodeException {
        LipTime time = readTimeData(in);
        LongReportBuilder b = new LongReportBuilder();
        readLocationData(in, b);
        readVelocityData(in, b);
        boolean ackRequested = in.read(1, "acknowledgement request") == 1;
        AdditionalDataType additionalDataType = readAdditionalDataType(in);
        int additionalData = in.read(8, additionalDataName(additionalDataType));
        String optionalHex = "";
        int optionalBits = 0;
        if (in.remaining() > MAX_PADDING_BITS) {
            optionalBits = in.remaining();
            byte[] raw = new byte[(optionalBits + 7) / 8];
            for (int i = 0; i < optionalBits; i++) {
                raw[i >>> 3] |= (byte) (in.read(1, "optional elements") << (7 - (i & 7)));
            }
            optionalHex = HexFormat.of().withUpperCase().formatHex(raw);
        }
        return new LipReport(
                PduKind.LONG,
                time,
                b.shape,
                b.latitudeDeg,
                b.longitudeDeg,
                b.positionError,
                b.shapeParameters,
                b.altitude,
                Optional.of(b.velocityType),
                b.horizontalSpeedKmh,
                b.horizontalSpeedUncertaintyCode,
                b.verticalSpeedKmh,
                b.verticalSpeedUncertaintyCode,
                b.directionDeg,
                b.directionUncertaintyCode,
                ackRequested,
                additionalDataType,
                additionalData,
                optionalHex,
                optionalBits);
    }

    private static LipTime readTimeData(BitReader in) throws LipDecodeException {
        int timeTypeOffset = in.position();
        int timeType = in.read(2, "time type");
        switch (timeType) {
            case 0:
                return LipTime.NONE;
            case 1:
                return new LipTime.Elapsed(TimeElapsed.fromCode(in.read(2, "time elapsed")));
            case 2:
                int day = readInRange(in, 5, "time of position day", 1, 31);
                int hour = readInRange(in, 5, "time of position hour", 0, 23);
                int minute = readInRange(in, 6, "time of position minute", 0, 59);
                int second = readInRange(in, 6, "time of position second", 0, 59);
                return new LipTime.OfPosition(day, hour, minute, second);
            default:
                throw LipDecodeException.reserved("time type", timeType, timeTypeOffset);
        }
    }

    private static void readLocationData(BitReader in, LongReportBuilder b) throws LipDecodeException {
        int shapeOffset = in.position();
        int shapeCode = in.read(4, "location shape");
        LocationShape shape = LocationShape.fromCodeOrNull(shapeCode);
        if (shape == null) {
            String what = shapeCode == 15
                    ? "unsupported location shape 15 (location shape extension)"
                    : "unknown location shape " + shapeCode + " (reserved)";
            throw new LipDecodeException(what + " at bit " + shapeOffset, "location shape", shapeOffset);
        }
        b.shape = shape;
        if (shape == LocationShape.NO_SHAPE) {
            return;
        }
        b.longitudeDeg = OptionalDouble.of(LipCodes.longitudeDeg(in.readSigned(25, "longitude")));
        b.latitudeDeg = OptionalDouble.of(LipCodes.latitudeDeg(in.readSigned(24, "latitude")));
        switch (shape) {
            case POINT -> {
                // longitude and latitude only
            }
            case CIRCLE -> b.shapeParameters = LipShapeParameters.circle(readHorizontalUncertainty(in));
            case ELLIPSE -> b.shapeParameters = readEllipse(in, false, false, b);
            case POINT_WITH_ALTITUDE -> b.altitude = Optional.of(readAltitude(in, false));
            case CIRCLE_WITH_ALTITUDE -> {
                b.shapeParameters = LipShapeParameters.circle(readHorizontalUncertainty(in));
                b.altitude = Optional.of(readAltitude(in, false));
            }
            case ELLIPSE_WITH_ALTITUDE -> b.shapeParameters = readEllipse(in, true, false, b);
            case CIRCLE_WITH_ALTITUDE_AND_ALTITUDE_UNCERTAINTY -> {
                b.shapeParameters = LipShapeParameters.circle(readHorizontalUncertainty(in));
                b.altitude = Optional.of(readAltitude(in, true));
            }
            case ELLIPSE_WITH_ALTITUDE_AND_ALTITUDE_UNCERTAINTY -> b.shapeParameters = readEllipse(in, true, true, b);
            case ARC -> {
                double inner = in.read(16, "inner radius") * LipCodes.ARC_RADIUS_METRES_PER_STEP;
                double outer = in.read(16, "outer radius") * LipCodes.ARC_RADIUS_METRES_PER_STEP;
                double start = in.read(8, "start angle") * LipCodes.ANGLE_DEG_PER_STEP;
                double stop = in.read(8, "stop angle") * LipCodes.ANGLE_DEG_PER_STEP;
                int confidence = in.read(3, "confidence level");
                b.shapeParameters = LipShapeParameters.arc(inner, outer, start, stop, confidence);
            }
            case POINT_AND_POSITION_ERROR ->
                b.positionError = Optional.of(PositionError.fromCode(in.read(3, "position error")));
            case NO_SHAPE -> throw new AssertionError("handled above");
        }
    }

    private static LipShapeParameters readEllipse(
            BitReader in, boolean withAltitude, boolean withAltitudeAccuracy, LongReportBuilder b)
            throws LipDecodeException {
        OptionalDouble semiMajor = LipCodes.horizontalAccuracyMetres(in.read(6, "half of major axis"));
        OptionalDouble semiMinor = LipCodes.horizontalAccuracyMetres(in.read(6, "half of minor axis"));
        double orientationDeg = in.read(8, "angle") * LipCodes.ANGLE_DEG_PER_STEP;
        if (withAltitude) {
            b.altitude = Optional.of(readAltitude(in, withAltitudeAccuracy));
        }
        int confidence = in.read(3, "confidence level");
        return LipShapeParameters.ellipse(semiMajor, semiMinor, orientationDeg, confidence);
    }

    private static OptionalDouble readHorizontalUncertainty(BitReader in) throws LipDecodeException {
        return LipCodes.horizontalAccuracyMetres(in.read(6, "horizontal position uncertainty"));
    }

    private static LipAltitude readAltitude(BitReader in, boolean withAccuracy) throws LipDecodeException {
        AltitudeReference reference = in.read(1, "location altitude type") == 0
                ? AltitudeReference.WGS84_ELLIPSOID
                : AltitudeReference.USER_DEFINED;
        OptionalDouble altitudeMetres = LipCodes.altitudeMetres(in.read(11, "location altitude"));
        OptionalDouble accuracyMetres = withAccuracy
                ? LipCodes.altitudeAccuracyMetres(in.read(3, "location altitude accuracy"))
                : OptionalDouble.empty();
        return new LipAltitude(reference, altitudeMetres, accuracyMetres);
    }

    private static void readVelocityData(BitReader in, LongReportBuilder b) throws LipDecodeException {
        VelocityType type = VelocityType.fromCode(in.read(3, "velocity type"));
        b.velocityType = type;
        if (type == VelocityType.NONE) {
            return;
        }
        b.horizontalSpeedKmh = LipCodes.speedKmh(in.read(7, "horizontal velocity"));
        boolean horizontalUncertainty = type == VelocityType.HORIZONTAL_WITH_UNCERTAINTY
                || type == VelocityType.HORIZONTAL_AND_VERTICAL_WITH_UNCERTAINTY
                || type == VelocityType.HORIZONTAL_WITH_DIRECTION_AND_UNCERTAINTY
                || type == VelocityType.HORIZONTAL_AND_VERTICAL_WITH_DIRECTION_AND_UNCERTAINTY;
        if (horizontalUncertainty) {
            b.horizontalSpeedUncertaintyCode = OptionalInt.of(in.read(3, "horizontal velocity uncertainty"));
        }
        boolean vertical = type == VelocityType.HORIZONTAL_AND_VERTICAL
                || type == VelocityType.HORIZONTAL_AND_VERTICAL_WITH_UNCERTAINTY
                || type == VelocityType.HORIZONTAL_AND_VERTICAL_WITH_DIRECTION_AND_UNCERTAINTY;
        if (vertical) {
            boolean downward = in.read(1, "vertical velocity sign") == 1;
            OptionalDouble magnitude = LipCodes.speedKmh(in.read(7, "vertical velocity"));
            b.verticalSpeedKmh = magnitude.isPresent()
                    ? OptionalDouble.of(downward ? -magnitude.getAsDouble() : magnitude.getAsDouble())
                    : OptionalDouble.empty();
            if (type != VelocityType.HORIZONTAL_AND_VERTICAL) {
                b.verticalSpeedUncertaintyCode = OptionalInt.of(in.read(3, "vertical velocity uncertainty"));
            }
        }
        boolean direction = type == VelocityType.HORIZONTAL_WITH_DIRECTION
                || type == VelocityType.HORIZONTAL_WITH_DIRECTION_AND_UNCERTAINTY
                || type == VelocityType.HORIZONTAL_AND_VERTICAL_WITH_DIRECTION_AND_UNCERTAINTY;
        if (direction) {
            b.directionDeg =
                    OptionalDouble.of(in.read(8, "direction of travel extended") * LipCodes.ANGLE_DEG_PER_STEP);
            if (type != VelocityType.HORIZONTAL_WITH_DIRECTION) {
                b.directionUncertaintyCode = OptionalInt.of(in.read(3, "direction of travel uncertainty"));
            }
        }
    }

    private static AdditionalDataType readAdditionalDataType(BitReader in) throws LipDecodeException {
        return in.read(1, "type of additional data") == 0
                ? AdditionalDataType.REASON_FOR_SENDING
                : AdditionalDataType.USER_DEFINED_DATA;
    }

    private static String additionalDataName(AdditionalDataType type) {
        return type == AdditionalDataType.REASON_FOR_SENDING ? "reason for sending" : "user defined data";
    }

    private static int readInRange(BitReader in, int width, String field, int min, int max) throws LipDecodeException {
        int offset = in.position();
        int value = in.read(width, field);
        if (value < min || value > max) {
            throw LipDecodeException.reserved(field, value, offset);
        }
        return value;
    }

    /** Mutable scratch for the long report's variable parts; one per decode, never shared. */
    private static final class LongReportBuilder {
        LocationShape shape = LocationShape.NO_SHAPE;
        OptionalDouble latitudeDeg = OptionalDouble.empty();
        OptionalDouble longitudeDeg = OptionalDouble.empty();
        Optional<PositionError> positionError = Optional.empty();
        LipShapeParameters shapeParameters = LipShapeParameters.NONE;
        Optional<LipAltitude> altitude = Optional.empty();
        VelocityType velocityType = VelocityType.NONE;
        OptionalDouble horizontalSpeedKmh = OptionalDouble.empty();
        OptionalInt horizontalSpeedUncertaintyCode = OptionalInt.empty();
        OptionalDouble verticalSpeedKmh = OptionalDouble.empty();
        OptionalInt verticalSpeedUncertaintyCode = OptionalInt.empty();
        OptionalDouble directionDeg = OptionalDouble.empty();
        OptionalInt directionUncertaintyCode = OptionalInt.empty();
    }
}
