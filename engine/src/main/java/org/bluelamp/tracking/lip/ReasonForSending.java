package org.bluelamp.tracking.lip;

import java.util.Optional;

/**
 * The 8-bit "reason for sending" (clause 6.3.64, table 6.94 in V1.7.2): why the terminal sent the
 * report. Every named code of the table is a constant; the remaining codes (31, 33..128, 131..255)
 * are reserved and map to no constant (the raw octet stays available as
 * {@link LipReport#additionalData()}).
 */
public enum ReasonForSending {
    POWERED_ON(0),
    POWERED_OFF(1),
    EMERGENCY_CONDITION_DETECTED(2),
    PUSH_TO_TALK_DETECTED(3),
    STATUS(4),
    TRANSMIT_INHIBIT_MODE_ON(5),
    TRANSMIT_INHIBIT_MODE_OFF(6),
    SYSTEM_ACCESS_TMO_ON(7),
    DMO_ON(8),
    ENTER_SERVICE(9),
    SERVICE_LOSS(10),
    CELL_RESELECTION(11),
    LOW_BATTERY(12),
    CONNECTED_TO_CAR_KIT(13),
    DISCONNECTED_FROM_CAR_KIT(14),
    TRANSFER_INITIALIZATION_CONFIGURATION_REQUESTED(15),
    ARRIVAL_AT_DESTINATION(16),
    ARRIVAL_AT_DEFINED_LOCATION(17),
    APPROACHING_DEFINED_LOCATION(18),
    SDS_TYPE_1_ENTERED(19),
    USER_APPLICATION_INITIATED(20),
    LOST_ABILITY_TO_DETERMINE_LOCATION(21),
    REGAINED_ABILITY_TO_DETERMINE_LOCATION(22),
    LEAVING_POINT(23),
    AMBIENCE_LISTENING_CALL_DETECTED(24),
    START_OF_TEMPORARY_REPORTING(25),
    RETURN_TO_NORMAL_REPORTING(26),
    /** Added in later editions of the table (V1.7.x); older sources list 27..30 as reserved. */
    CALL_SETUP_TYPE_1_DETECTED(27),
    CALL_SETUP_TYPE_2_DETECTED(28),
    POSITIONING_DEVICE_ON(29),
    POSITIONING_DEVICE_OFF(30),
    RESPONSE_TO_IMMEDIATE_LOCATION_REQUEST(32),
    MAXIMUM_REPORTING_INTERVAL_EXCEEDED(129),
    MAXIMUM_REPORTING_DISTANCE_TRAVELLED(130);

    private static final ReasonForSending[] BY_CODE = new ReasonForSending[256];

    static {
        for (ReasonForSending reason : values()) {
            BY_CODE[reason.code] = reason;
        }
    }

    private final int code;

    ReasonForSending(int code) {
        this.code = code;
    }

    /** The 8-bit code in the PDU. */
    public int code() {
        return code;
    }

    /** The reason with this code; empty for a reserved code or a value outside 0..255. */
    public static Optional<ReasonForSending> fromCode(int code) {
        return code < 0 || code > 255 ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }
}
